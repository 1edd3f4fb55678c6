package dev.parley.control.guard;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The limits every dial is checked against. Immutable; built from configuration by {@link
 * GuardBeans} or directly in tests.
 *
 * @param allowListMode only numbers on the organisation's allow-list may be dialled
 * @param callingStart the earliest local time of day a callee may be called (inclusive)
 * @param callingEnd the local time of day from which calls stop (exclusive)
 * @param rateLimitsEnabled whether the per-user limits apply
 * @param manualPerHour dials per user per rolling hour for tasks a person set up (personal, b2b)
 * @param manualPerDay dials per user per rolling day for tasks a person set up
 * @param automatedPerHour dials per user per rolling hour for automated tasks (reminders)
 * @param automatedPerDay dials per user per rolling day for automated tasks
 * @param maxConcurrentCalls live calls (dialling or in progress) an organisation may have at once
 * @param concurrencyRetry how long a dial held back by the concurrency cap waits before it is tried
 */
public record GuardConfig(
    boolean allowListMode,
    LocalTime callingStart,
    LocalTime callingEnd,
    boolean rateLimitsEnabled,
    int manualPerHour,
    int manualPerDay,
    int automatedPerHour,
    int automatedPerDay,
    int maxConcurrentCalls,
    Duration concurrencyRetry) {

  public GuardConfig {
    Objects.requireNonNull(callingStart, "callingStart");
    Objects.requireNonNull(callingEnd, "callingEnd");
    Objects.requireNonNull(concurrencyRetry, "concurrencyRetry");
    if (!callingStart.isBefore(callingEnd)) {
      throw new IllegalArgumentException("calling hours must start before they end");
    }
    if (manualPerHour < 1 || manualPerDay < 1 || automatedPerHour < 1 || automatedPerDay < 1) {
      throw new IllegalArgumentException("rate limits must be at least 1");
    }
    if (maxConcurrentCalls < 1) {
      throw new IllegalArgumentException("maxConcurrentCalls must be at least 1");
    }
  }

  /** The documented defaults: allow-list off, 08:00–21:00, 5/h 20/d manual, 10/h 50/d automated. */
  public static GuardConfig defaults() {
    return new GuardConfig(
        false,
        LocalTime.of(8, 0),
        LocalTime.of(21, 0),
        true,
        5,
        20,
        10,
        50,
        100,
        Duration.ofSeconds(15));
  }

  /** A copy with allow-list mode set to {@code on}. */
  public GuardConfig withAllowListMode(boolean on) {
    return new GuardConfig(
        on,
        callingStart,
        callingEnd,
        rateLimitsEnabled,
        manualPerHour,
        manualPerDay,
        automatedPerHour,
        automatedPerDay,
        maxConcurrentCalls,
        concurrencyRetry);
  }

  /** A copy with rate limits switched {@code on} or off. */
  public GuardConfig withRateLimits(boolean on) {
    return new GuardConfig(
        allowListMode,
        callingStart,
        callingEnd,
        on,
        manualPerHour,
        manualPerDay,
        automatedPerHour,
        automatedPerDay,
        maxConcurrentCalls,
        concurrencyRetry);
  }

  /** A copy with the organisation-wide concurrency cap set to {@code cap}. */
  public GuardConfig withMaxConcurrentCalls(int cap) {
    return new GuardConfig(
        allowListMode,
        callingStart,
        callingEnd,
        rateLimitsEnabled,
        manualPerHour,
        manualPerDay,
        automatedPerHour,
        automatedPerDay,
        cap,
        concurrencyRetry);
  }
}
