package dev.parley.control.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter between attempts: the n-th retry waits {@code base · 2^(n-1)},
 * capped at {@code max}, then scaled by a random factor in {@code [1 - jitter, 1 + jitter]} so a
 * batch of tasks that failed together does not redial together.
 */
public record RetryPolicy(Duration base, Duration max, double jitter) {

  public RetryPolicy {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= max");
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1)");
    }
  }

  /** Two minutes, doubling, capped at two hours, ±20 %. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofMinutes(2), Duration.ofHours(2), 0.2);
  }

  /** When the next attempt is due after {@code attemptsMade} attempts have failed. */
  public Instant nextAttempt(int attemptsMade, Instant now, RandomGenerator random) {
    int exponent = Math.max(0, Math.min(attemptsMade - 1, 30));
    double millis = Math.min((double) max.toMillis(), base.toMillis() * Math.pow(2, exponent));
    double factor = 1 + jitter * (2 * random.nextDouble() - 1);
    return now.plusMillis(Math.max(1, Math.round(millis * factor)));
  }
}
