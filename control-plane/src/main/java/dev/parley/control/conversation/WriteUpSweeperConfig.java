package dev.parley.control.conversation;

import java.time.Duration;

/**
 * How the {@link WriteUpSweeper} runs, from configuration:
 *
 * <ul>
 *   <li>{@code parley.write-up-sweeper.enabled} — whether it runs (default on; off in the {@code
 *       test} environment, see {@code LoopSwitch});
 *   <li>{@code parley.write-up-sweeper.interval} (default {@code 1m}) — time between sweeps;
 *   <li>{@code parley.write-up-sweeper.grace} (default {@code 5m}) — how long after a session ended
 *       its own write-up may still come. A call's write-up can legitimately come minutes after the
 *       provider's completed callback: the media node waits three minutes from the dial for a
 *       stream before it reports the call ended, and the analysis may wait on a model;
 *   <li>{@code parley.write-up-sweeper.look-back} (default {@code 24h}) — sessions that ended
 *       longer ago are left alone, so a sweeper deployed or restarted late does not write up (and
 *       notify owners of) calls from long ago, and each sweep reads a bounded range;
 *   <li>{@code parley.write-up-sweeper.lease} (default {@code 5m}) — how long an instance holds a
 *       session it claimed before another may take it over (it died mid-way, or the write-up failed
 *       and is tried again).
 * </ul>
 *
 * @param batch sessions claimed per sweep statement
 */
public record WriteUpSweeperConfig(
    Duration interval, Duration grace, Duration lookBack, Duration lease, int batch) {

  public WriteUpSweeperConfig {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative");
    }
    if (lookBack.compareTo(grace) <= 0) {
      throw new IllegalArgumentException("look-back must be longer than the grace");
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("lease must be at least one second");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1");
    }
  }
}
