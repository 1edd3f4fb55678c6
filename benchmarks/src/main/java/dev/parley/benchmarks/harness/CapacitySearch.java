package dev.parley.benchmarks.harness;

import java.util.function.Consumer;

/**
 * Finds the most concurrent calls the media node holds (see {@link TrialResult#held()}): doubles
 * from the starting count until a run fails or the ceiling is reached, then bisects between the
 * highest count held and the lowest failed until they are within 10 % (or 10 calls).
 */
final class CapacitySearch {

  private static final long PAUSE_BETWEEN_RUNS_MILLIS = 3000;

  private final Trial trial;
  private final HarnessOptions options;
  private final Consumer<TrialResult> sink;

  CapacitySearch(Trial trial, HarnessOptions options, Consumer<TrialResult> sink) {
    this.trial = trial;
    this.options = options;
    this.sink = sink;
  }

  /** Runs the search; returns the run at the highest count held, or the last failure if none. */
  TrialResult search() throws Exception {
    int held = 0;
    int failed = Integer.MAX_VALUE;
    TrialResult best = null;
    TrialResult lastFailure = null;
    int n = options.calls();
    while (true) {
      TrialResult r = trial.run(n);
      sink.accept(r);
      System.out.printf(
          "search: %d calls %s (cpu %.0f us/call-s, inbound p99 %.1f ms, server gaps %d)%n",
          n,
          r.held() ? "held" : "NOT held",
          r.cpuPerCallSecondMicros(),
          r.percentile(r.m().inboundWait, 99),
          r.m().serverPlayoutGaps.sum());
      if (r.held()) {
        held = n;
        best = r;
      } else {
        failed = n;
        lastFailure = r;
      }
      int next;
      if (failed == Integer.MAX_VALUE) {
        if (held >= options.searchMax()) {
          break;
        }
        next = Math.min(held * 2, options.searchMax());
      } else {
        if (failed - held <= Math.max(10, held / 10)) {
          break;
        }
        next = (held + failed) / 2;
      }
      if (next == n) {
        break;
      }
      n = next;
      Thread.sleep(PAUSE_BETWEEN_RUNS_MILLIS);
    }
    return best != null ? best : lastFailure;
  }
}
