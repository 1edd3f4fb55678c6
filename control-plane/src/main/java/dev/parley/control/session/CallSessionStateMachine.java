package dev.parley.control.session;

import static dev.parley.control.session.CallSessionStatus.BUSY;
import static dev.parley.control.session.CallSessionStatus.CANCELLED;
import static dev.parley.control.session.CallSessionStatus.COMPLETED;
import static dev.parley.control.session.CallSessionStatus.CONNECTED;
import static dev.parley.control.session.CallSessionStatus.FAILED;
import static dev.parley.control.session.CallSessionStatus.INITIATED;
import static dev.parley.control.session.CallSessionStatus.NO_ANSWER;
import static dev.parley.control.session.CallSessionStatus.RINGING;

import dev.parley.control.event.CallEventRecorder;
import dev.parley.control.web.IllegalTransitionException;
import dev.parley.control.web.ProblemException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The only place a call session's status changes; the table is the whole lifecycle of one dial
 * attempt (Twilio's call statuses). Entering {@code connected} stamps the start, entering a
 * terminal state stamps the end and duration; every change is recorded as a call event.
 *
 * <pre>
 * initiated ─► ringing ─► connected ─► completed
 *     │           │            └──────► failed | cancelled
 *     └───────────┴─► no_answer | busy | failed | cancelled | completed
 * </pre>
 */
@Singleton
public class CallSessionStateMachine {
  private static final Map<CallSessionStatus, Set<CallSessionStatus>> ALLOWED =
      new EnumMap<>(CallSessionStatus.class);

  static {
    allow(INITIATED, RINGING, CONNECTED, COMPLETED, FAILED, CANCELLED, NO_ANSWER, BUSY);
    allow(RINGING, CONNECTED, COMPLETED, FAILED, CANCELLED, NO_ANSWER, BUSY);
    allow(CONNECTED, COMPLETED, FAILED, CANCELLED);
    allow(COMPLETED);
    allow(FAILED);
    allow(CANCELLED);
    allow(NO_ANSWER);
    allow(BUSY);
  }

  private final CallSessionRepository sessions;
  private final CallEventRecorder events;
  private final Clock clock;

  CallSessionStateMachine(CallSessionRepository sessions, CallEventRecorder events, Clock clock) {
    this.sessions = sessions;
    this.events = events;
    this.clock = clock;
  }

  private static void allow(CallSessionStatus from, CallSessionStatus... to) {
    Set<CallSessionStatus> targets = EnumSet.noneOf(CallSessionStatus.class);
    Collections.addAll(targets, to);
    ALLOWED.put(from, Collections.unmodifiableSet(targets));
  }

  /** Whether the lifecycle allows {@code from -> to}. */
  public static boolean allows(CallSessionStatus from, CallSessionStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  /** True for states with no way out. */
  public static boolean isTerminal(CallSessionStatus status) {
    return ALLOWED.get(status).isEmpty();
  }

  /**
   * Moves {@code session} to {@code to}, saving other changes made on the object in the same
   * versioned update, and records the event. Returns the saved session.
   *
   * @throws IllegalTransitionException if the lifecycle does not allow the change
   * @throws ProblemException 409 if another writer changed the session since it was read
   */
  @Transactional
  public CallSession transition(CallSession session, CallSessionStatus to, Map<String, ?> detail) {
    CallSessionStatus from = session.getStatus();
    if (!allows(from, to)) {
      throw new IllegalTransitionException(
          "call session " + session.getId(), from.wire(), to.wire());
    }
    Instant now = clock.instant();
    session.setStatus(to);
    session.setUpdatedAt(now);
    if (to == CONNECTED && session.getStartedAt() == null) {
      session.setStartedAt(now);
    }
    if (isTerminal(to)) {
      session.setEndedAt(now);
      if (session.getStartedAt() != null) {
        session.setDurationSeconds((int) Duration.between(session.getStartedAt(), now).toSeconds());
      }
    }
    CallSession saved;
    try {
      saved = sessions.update(session);
    } catch (OptimisticLockException e) {
      session.setStatus(from);
      String current =
          sessions.findById(session.getId()).map(s -> s.getStatus().wire()).orElse("deleted");
      throw ProblemException.conflict(
          "call session " + session.getId() + " was changed concurrently; it is now " + current,
          current,
          null);
    }
    events.record(
        saved.getOrganizationId(),
        saved.getTaskId(),
        saved.getId(),
        "session.status_changed",
        from.wire(),
        to.wire(),
        detail);
    return saved;
  }
}
