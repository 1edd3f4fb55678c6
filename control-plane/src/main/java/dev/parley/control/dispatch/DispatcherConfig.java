package dev.parley.control.dispatch;

import java.time.Duration;
import java.util.Objects;

/**
 * How one dispatcher instance claims and dials.
 *
 * @param owner this instance's lease owner id (unique per instance)
 * @param batchSize rows claimed per statement
 * @param batchWorkers batches processed at once (each on its own connection)
 * @param dialThreads provider requests in flight at once
 * @param lease how long a claim is held before another instance may take it over
 * @param idlePoll how long the claim loop sleeps when nothing was due
 */
public record DispatcherConfig(
    String owner,
    int batchSize,
    int batchWorkers,
    int dialThreads,
    Duration lease,
    Duration idlePoll) {

  public DispatcherConfig {
    Objects.requireNonNull(owner, "owner");
    if (owner.isBlank() || owner.length() > 200) {
      throw new IllegalArgumentException("owner must be 1..200 characters");
    }
    if (batchSize < 1 || batchWorkers < 1 || dialThreads < 1) {
      throw new IllegalArgumentException(
          "batchSize, batchWorkers and dialThreads must be positive");
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("lease must be at least one second");
    }
  }

  /** Defaults for a production instance named {@code owner}. */
  public static DispatcherConfig defaults(String owner) {
    return new DispatcherConfig(owner, 100, 2, 16, Duration.ofSeconds(60), Duration.ofMillis(500));
  }
}
