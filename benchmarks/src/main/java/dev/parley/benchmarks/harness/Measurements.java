package dev.parley.benchmarks.harness;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything one harness run observes, shared by the emulated callees (on the emulator's event
 * loops) and the control-plane stand-in (on its own loop): latency samples and event counts.
 */
final class Measurements {

  final Samples greetingFirstAudio = new Samples("greeting time to first audio, during ramp-up");
  final Samples greetingSteady =
      new Samples("greeting time to first audio, calls added at steady load");
  final Samples bargeInClean = new Samples("barge-in reaction, clean line");
  final Samples bargeInEcho = new Samples("barge-in reaction, line with echo");
  final Samples turnTotal = new Samples("callee end of turn to first agent audio");
  final Samples endpointing = new Samples("callee end of turn to final transcript");
  final Samples turnOverhead = new Samples("SPEAK to first agent audio");
  final Samples inboundWait = new Samples("inbound probe: DTMF sent to DTMF_RECEIVED");

  final LongAdder streamsStarted = new LongAdder();
  final LongAdder bargeInAttemptsClean = new LongAdder();
  final LongAdder bargeInAttemptsEcho = new LongAdder();
  final LongAdder bargeInMissedClean = new LongAdder();
  final LongAdder bargeInMissedEcho = new LongAdder();
  final LongAdder silentTurnsEcho = new LongAdder();
  final LongAdder silentTurnsClean = new LongAdder();
  final LongAdder falseBargeInsEcho = new LongAdder();
  final LongAdder falseBargeInsClean = new LongAdder();
  final LongAdder overlapClears = new LongAdder();
  final LongAdder clientPlayoutGaps = new LongAdder();
  final LongAdder calleeTurns = new LongAdder();
  final LongAdder finals = new LongAdder();
  final LongAdder speaks = new LongAdder();
  final LongAdder dtmfSent = new LongAdder();
  final LongAdder dtmfReceived = new LongAdder();
  final LongAdder callStats = new LongAdder();
  final LongAdder sessionEnds = new LongAdder();
  final LongAdder serverPlayoutGaps = new LongAdder();
  final LongAdder serverBargeIns = new LongAdder();
  final LongAdder serverFramesIn = new LongAdder();
  final LongAdder serverFramesOut = new LongAdder();
  final AtomicLong serverMaxInboundNanos = new AtomicLong();
  final LongAdder nodeErrors = new LongAdder();

  /** Commands the stand-in sent for a call whose SESSION_END was already on its way. */
  final LongAdder commandsAfterEnd = new LongAdder();

  final AtomicReference<String> firstNodeError = new AtomicReference<>();

  /** Whether the measurement window is open: window-only figures are taken only then. */
  volatile boolean windowOpen;

  /** Set at the end of the run: every callee hangs up on its next frame. */
  volatile boolean hangUpAll;

  List<Samples> latencies() {
    return List.of(
        greetingFirstAudio,
        greetingSteady,
        bargeInClean,
        bargeInEcho,
        turnOverhead,
        endpointing,
        turnTotal,
        inboundWait);
  }
}
