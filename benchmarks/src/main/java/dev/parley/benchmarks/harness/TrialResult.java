package dev.parley.benchmarks.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run at a fixed number of calls measured: the media node's resources from {@code /proc},
 * the latencies and counts the callees and the control-plane stand-in saw, and whether the run held
 * (see {@link #held()}).
 *
 * @param calls calls dialled
 * @param windowSeconds measured length of the window
 * @param nodeCpuMicros media node CPU time in the window
 * @param nodeKernelCpuMicros the part of {@code nodeCpuMicros} spent in the kernel (socket calls)
 * @param harnessCpuMicros this JVM's CPU time in the window (emulator and stand-in)
 * @param heapBaseline node heap after GC before any call
 * @param heapLoaded node heap after GC with every call up
 * @param rssBaseline node RSS before any call
 * @param rssLoaded node RSS at the end of the window
 * @param cpuSeries node CPU per call-second (µs) of media sent, one point per second of the window
 * @param framesSent media frames the emulated calls sent the node in the window
 * @param streamed calls whose stream started by the end of the window
 * @param createFailures calls the emulator's REST API refused
 * @param droppedBeforeEnd calls the node ended before the harness hung up
 * @param lateTicks emulator clock ticks more than a frame late (harness overload)
 * @param unwritableSkips emulator media frames skipped on a full socket
 * @param m the latencies and counts
 */
record TrialResult(
    int calls,
    double windowSeconds,
    long nodeCpuMicros,
    long nodeKernelCpuMicros,
    long harnessCpuMicros,
    long heapBaseline,
    long heapLoaded,
    long rssBaseline,
    long rssLoaded,
    List<Double> cpuSeries,
    long framesSent,
    long streamed,
    long createFailures,
    long droppedBeforeEnd,
    long lateTicks,
    long unwritableSkips,
    Measurements m) {

  /** The inbound-wait limit of the capacity target: one frame. */
  static final double INBOUND_WAIT_LIMIT_MS = 20;

  /** Share of a frame below which the harness counts as having fallen behind real time. */
  static final double MIN_DELIVERED_SHARE = 0.98;

  /**
   * Media node CPU per call-second in µs, per second of media the calls actually sent (50 frames):
   * when an overloaded harness sends fewer frames than real time asks, dividing by calls × seconds
   * would flatter the node.
   */
  double cpuPerCallSecondMicros() {
    return framesSent == 0 ? Double.NaN : nodeCpuMicros / (framesSent / 50.0);
  }

  /**
   * Media node CPU per wall-clock call-second in µs (calls × window seconds): the other reading,
   * which a harness that falls behind real time flatters instead; report both.
   */
  double cpuPerWallCallSecondMicros() {
    return nodeCpuMicros / (calls * windowSeconds);
  }

  /** The harness process's own CPU per wall-clock call-second in µs (emulator and stand-in). */
  double harnessCpuPerWallCallSecondMicros() {
    return harnessCpuMicros / (calls * windowSeconds);
  }

  /** Frames the calls sent over the frames real time asks for (calls × 50 per second). */
  double deliveredShare() {
    return framesSent / (calls * 50.0 * windowSeconds);
  }

  double heapPerCallBytes() {
    return (double) (heapLoaded - heapBaseline) / calls;
  }

  double rssPerCallBytes() {
    return (double) (rssLoaded - rssBaseline) / calls;
  }

  double percentile(Samples s, double p) {
    return Samples.percentile(s.sortedMillis(), p);
  }

  /**
   * Whether the node held the load: every session was accepted (no ERROR from the node), every call
   * streamed in real time (the harness sent at least 98 % of the frames real time asks for) and
   * stayed up, no playout gap the node itself counted, and 99 % of inbound probes answered within
   * one frame (20 ms). The worst probe is reported beside it: with the harness on the same two
   * cores, one harness GC pause would fail a max-based rule at any load.
   */
  boolean held() {
    return streamed == calls
        && deliveredShare() >= MIN_DELIVERED_SHARE
        && createFailures == 0
        && m.nodeErrors.sum() == 0
        && droppedBeforeEnd == 0
        && m.serverPlayoutGaps.sum() == 0
        && m.inboundWait.count() > 0
        && percentile(m.inboundWait, 99) <= INBOUND_WAIT_LIMIT_MS;
  }

  /** Falsely cleared echo-only turns over all echo-only turns, in %. */
  double falseBargeInEchoPercent() {
    long turns = m.silentTurnsEcho.sum();
    return turns == 0 ? Double.NaN : 100.0 * m.falseBargeInsEcho.sum() / turns;
  }

  /** A JSON-ready view. */
  Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("calls", calls);
    out.put("held", held());
    out.put("windowSeconds", windowSeconds);
    out.put("nodeCpuMicros", nodeCpuMicros);
    out.put("framesSentInWindow", framesSent);
    out.put("deliveredShare", deliveredShare());
    out.put("cpuPerCallSecondMicros", cpuPerCallSecondMicros());
    out.put("cpuPerWallCallSecondMicros", cpuPerWallCallSecondMicros());
    out.put("nodeKernelCpuMicros", nodeKernelCpuMicros);
    out.put(
        "kernelShareOfNodeCpu",
        nodeCpuMicros == 0 ? 0.0 : (double) nodeKernelCpuMicros / nodeCpuMicros);
    out.put("harnessCpuPerWallCallSecondMicros", harnessCpuPerWallCallSecondMicros());
    out.put("harnessCpuMicros", harnessCpuMicros);
    out.put("heapBaselineBytes", heapBaseline);
    out.put("heapLoadedBytes", heapLoaded);
    out.put("heapPerCallBytes", heapPerCallBytes());
    out.put("rssBaselineBytes", rssBaseline);
    out.put("rssLoadedBytes", rssLoaded);
    out.put("rssPerCallBytes", rssPerCallBytes());
    out.put("cpuPerCallSecondSeries", cpuSeries);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("streamsStarted", streamed);
    counts.put("steadyStateGreetingProbes", m.greetingSteady.count());
    counts.put("createFailures", createFailures);
    counts.put("droppedBeforeEnd", droppedBeforeEnd);
    counts.put("calleeTurns", m.calleeTurns.sum());
    counts.put("finalTranscripts", m.finals.sum());
    counts.put("speaks", m.speaks.sum());
    counts.put("bargeInAttemptsClean", m.bargeInAttemptsClean.sum());
    counts.put("bargeInAttemptsEcho", m.bargeInAttemptsEcho.sum());
    counts.put("bargeInMissedClean", m.bargeInMissedClean.sum());
    counts.put("bargeInMissedEcho", m.bargeInMissedEcho.sum());
    counts.put("silentTurnsEcho", m.silentTurnsEcho.sum());
    counts.put("falseBargeInsEcho", m.falseBargeInsEcho.sum());
    counts.put("silentTurnsClean", m.silentTurnsClean.sum());
    counts.put("falseBargeInsClean", m.falseBargeInsClean.sum());
    counts.put("clearsWhileCalleeReplied", m.overlapClears.sum());
    counts.put("dtmfProbesSent", m.dtmfSent.sum());
    counts.put("dtmfProbesAnswered", m.dtmfReceived.sum());
    counts.put("callStats", m.callStats.sum());
    counts.put("nodeErrors", m.nodeErrors.sum());
    counts.put("commandsAfterEnd", m.commandsAfterEnd.sum());
    counts.put("firstNodeError", m.firstNodeError.get() == null ? "" : m.firstNodeError.get());
    counts.put("serverPlayoutGaps", m.serverPlayoutGaps.sum());
    counts.put("clientPlayoutGaps", m.clientPlayoutGaps.sum());
    counts.put("serverBargeIns", m.serverBargeIns.sum());
    counts.put("serverFramesIn", m.serverFramesIn.sum());
    counts.put("serverFramesOut", m.serverFramesOut.sum());
    counts.put("serverMaxInboundProcessingMs", m.serverMaxInboundNanos.get() / 1e6);
    counts.put("emulatorLateTicks", lateTicks);
    counts.put("emulatorUnwritableSkips", unwritableSkips);
    out.put("counts", counts);
    List<Map<String, Object>> latencies = new ArrayList<>();
    for (Samples s : m.latencies()) {
      double[] sorted = s.sortedMillis();
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("name", s.name());
      l.put("count", sorted.length);
      l.put("p50Ms", Samples.percentile(sorted, 50));
      l.put("p95Ms", Samples.percentile(sorted, 95));
      l.put("p99Ms", Samples.percentile(sorted, 99));
      l.put("maxMs", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
      latencies.add(l);
    }
    out.put("latencies", latencies);
    return out;
  }
}
