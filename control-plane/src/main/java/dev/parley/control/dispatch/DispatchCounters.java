package dev.parley.control.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one dispatcher instance has done, for metrics and the benchmark: every outcome of a claimed
 * task is counted once, and every fenced update that matched no row (a known race) is counted.
 */
public final class DispatchCounters {
  final LongAdder claimRounds = new LongAdder();
  final LongAdder claimed = new LongAdder();
  final LongAdder reclaimed = new LongAdder();
  final LongAdder dialed = new LongAdder();
  final LongAdder dialFailures = new LongAdder();
  final LongAdder refused = new LongAdder();
  final LongAdder deferred = new LongAdder();
  final LongAdder abandonedUnknown = new LongAdder();
  final LongAdder fenceMisses = new LongAdder();
  final LongAdder loopErrors = new LongAdder();

  /** Dials handed to the provider and accepted by it. */
  public long dialed() {
    return dialed.sum();
  }

  /** Fenced updates that matched no row because another owner got there first. */
  public long fenceMisses() {
    return fenceMisses.sum();
  }

  /** Loop iterations that threw and were survived. */
  public long loopErrors() {
    return loopErrors.sum();
  }

  /** Every counter by name. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("claim_rounds", claimRounds.sum());
    m.put("claimed", claimed.sum());
    m.put("reclaimed", reclaimed.sum());
    m.put("dialed", dialed.sum());
    m.put("dial_failures", dialFailures.sum());
    m.put("refused", refused.sum());
    m.put("deferred", deferred.sum());
    m.put("abandoned_unknown", abandonedUnknown.sum());
    m.put("fence_misses", fenceMisses.sum());
    m.put("loop_errors", loopErrors.sum());
    return m;
  }
}
