package dev.parley.emulator.call;

import java.time.Instant;
import java.util.Optional;

/**
 * SIMULATION ONLY: the state of a call resource at one moment, as the REST API shows it.
 *
 * @param direction {@code outbound-api} or {@code inbound}
 * @param answeredBy {@code human}, {@code machine_start}, … once known (machine detection only)
 * @param durationSeconds set when the call ends (0 if never answered)
 */
public record CallSnapshot(
    String sid,
    String accountSid,
    String to,
    String from,
    CallDirection direction,
    CallStatus status,
    Instant dateCreated,
    Instant dateUpdated,
    Optional<Instant> startTime,
    Optional<Instant> endTime,
    Optional<Integer> durationSeconds,
    Optional<String> answeredBy) {

  CallSnapshot with(CallStatus newStatus, Instant now) {
    return new CallSnapshot(
        sid,
        accountSid,
        to,
        from,
        direction,
        newStatus,
        dateCreated,
        now,
        startTime,
        endTime,
        durationSeconds,
        answeredBy);
  }

  CallSnapshot answered(Instant now, Optional<String> by) {
    return new CallSnapshot(
        sid,
        accountSid,
        to,
        from,
        direction,
        CallStatus.IN_PROGRESS,
        dateCreated,
        now,
        Optional.of(now),
        endTime,
        durationSeconds,
        by);
  }

  CallSnapshot ended(CallStatus terminal, Instant now) {
    int duration =
        startTime
            .map(s -> (int) ((java.time.Duration.between(s, now).toMillis() + 999) / 1000))
            .orElse(0);
    return new CallSnapshot(
        sid,
        accountSid,
        to,
        from,
        direction,
        terminal,
        dateCreated,
        now,
        startTime,
        Optional.of(now),
        Optional.of(duration),
        answeredBy);
  }
}
