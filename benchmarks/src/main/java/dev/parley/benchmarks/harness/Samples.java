package dev.parley.benchmarks.harness;

import java.util.Arrays;

/**
 * A thread-safe record of one latency's samples in nanoseconds, kept whole (a run makes at most a
 * few hundred thousand), so percentiles are exact and histograms can be drawn from them.
 */
final class Samples {

  private final String name;
  private long[] values = new long[256];
  private int count;

  Samples(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  synchronized void add(long nanos) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = nanos;
  }

  synchronized int count() {
    return count;
  }

  /** The samples, sorted, in milliseconds. */
  synchronized double[] sortedMillis() {
    double[] ms = new double[count];
    for (int i = 0; i < count; i++) {
      ms[i] = values[i] / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  /** The {@code p}-th percentile (0..100) in ms by the nearest-rank method; NaN when empty. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
