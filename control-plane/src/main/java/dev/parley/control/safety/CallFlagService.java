package dev.parley.control.safety;

import dev.parley.control.auth.Caller;
import dev.parley.control.event.CallEventRecorder;
import dev.parley.control.web.IllegalTransitionException;
import dev.parley.control.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Flags calls for review and lets an admin of the same organisation resolve them. */
@Singleton
public class CallFlagService {
  private final CallFlagRepository flags;
  private final CallEventRecorder events;
  private final Clock clock;

  CallFlagService(CallFlagRepository flags, CallEventRecorder events, Clock clock) {
    this.flags = flags;
    this.events = events;
    this.clock = clock;
  }

  /** Opens a flag on a task (and optionally the session it concerns). */
  @Transactional
  public CallFlag flag(UUID organizationId, UUID taskId, @Nullable UUID sessionId, String reason) {
    CallFlag flag =
        flags.save(
            new CallFlag(
                UUID.randomUUID(),
                organizationId,
                taskId,
                sessionId,
                reason,
                FlagStatus.OPEN,
                null,
                null,
                clock.instant(),
                null));
    events.record(
        organizationId,
        taskId,
        sessionId,
        "flag.opened",
        null,
        "open",
        Map.of("flagId", flag.id().toString(), "reason", reason));
    return flag;
  }

  public List<CallFlag> open(Caller caller) {
    caller.requireAdmin();
    return flags.findByOrganizationIdAndStatusOrderByCreatedAt(
        caller.organizationId(), FlagStatus.OPEN);
  }

  /** Resolves an open flag; resolving twice is a 409. */
  @Transactional
  public CallFlag resolve(Caller caller, UUID id, String resolution) {
    caller.requireAdmin();
    CallFlag flag =
        flags
            .findByIdAndOrganizationId(id, caller.organizationId())
            .orElseThrow(() -> ProblemException.notFound("call flag", id));
    if (flag.status() != FlagStatus.OPEN) {
      throw new IllegalTransitionException("call flag " + id, flag.status().wire(), "resolved");
    }
    CallFlag resolved =
        flags.update(
            new CallFlag(
                flag.id(),
                flag.organizationId(),
                flag.taskId(),
                flag.sessionId(),
                flag.reason(),
                FlagStatus.RESOLVED,
                resolution,
                caller.userId(),
                flag.createdAt(),
                clock.instant()));
    events.record(
        flag.organizationId(),
        flag.taskId(),
        flag.sessionId(),
        "flag.resolved",
        "open",
        "resolved",
        Map.of("flagId", id.toString(), "resolution", resolution));
    return resolved;
  }
}
