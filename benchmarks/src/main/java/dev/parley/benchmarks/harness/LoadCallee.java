package dev.parley.benchmarks.harness;

import dev.parley.emulator.callee.CalleeContext;
import dev.parley.emulator.callee.LineLevel;
import dev.parley.emulator.callee.SimulatedCallee;
import java.util.SplittableRandom;

/**
 * SIMULATION ONLY, load harness: a callee that talks with the agent on a fixed seed and times what
 * it hears. On each agent turn it either replies after a pause, or barges in part-way through; on
 * lines with echo a silent turn is a trial for false barge-ins. Every 2 s it presses a DTMF digit,
 * an inbound probe the control-plane stand-in times. Confined to its call's event loop.
 */
final class LoadCallee implements SimulatedCallee {

  /** Mean level of a heard frame that counts as the agent talking (about -40 dBFS). */
  private static final int AGENT_LEVEL = 330;

  /** Quiet frames that end the agent's turn (300 ms: longer than a pause between words). */
  private static final int TURN_END_FRAMES = 15;

  /** A barge-in whose {@code clear} has not come this long after onset counts as missed. */
  private static final long BARGE_IN_DEADLINE_NANOS = 3_000_000_000L;

  /** Frames between inbound DTMF probes. */
  private static final int PROBE_EVERY_FRAMES = 100;

  /** Frames after an underrun within which new audio counts as a gap, not a new utterance. */
  private static final int GAP_WINDOW_FRAMES = 50;

  private final CallProbe probe;
  private final Measurements m;
  private final CalleeLines lines;
  private final double bargeInShare;
  private final SplittableRandom random;
  private CalleeContext context;
  private long frame;

  private boolean agentTurn;
  private boolean unanswered;
  private long lastLoudFrame = -1000;
  private boolean bargeInPlanned;
  private long bargeAtFrame;
  private int replyGapFrames;

  private byte[] speech;
  private int speechPos;
  private long speechStartNanos;
  private boolean barging;
  private long bargeOnsetNanos;

  private long streamStartNanos;
  private boolean greetingTimed;
  private long lastAudioNanos;
  private long lastClearNanos;
  private long speechEndNanos;
  private boolean turnArmed;
  private long queuedBytes;
  private long underrunFrame = -1;
  private long nextProbeFrame;
  private boolean hungUp;

  LoadCallee(CallProbe probe, CalleeLines lines, double bargeInShare) {
    this.probe = probe;
    this.m = probe.measurements;
    this.lines = lines;
    this.bargeInShare = bargeInShare;
    this.random = new SplittableRandom(probe.seed);
    this.nextProbeFrame = PROBE_EVERY_FRAMES + probe.index % PROBE_EVERY_FRAMES;
  }

  @Override
  public void onAnswered(CalleeContext context) {
    this.context = context;
  }

  @Override
  public void onStreamStarted() {
    streamStartNanos = System.nanoTime();
    m.streamsStarted.increment();
  }

  @Override
  public void onApplicationAudio(int bytes) {
    long now = System.nanoTime();
    if (!greetingTimed && streamStartNanos != 0) {
      greetingTimed = true;
      (probe.steadyStateProbe ? m.greetingSteady : m.greetingFirstAudio)
          .add(now - streamStartNanos);
    }
    if (turnArmed) {
      turnArmed = false;
      m.turnTotal.add(now - speechEndNanos);
    }
    probe.audioArrived(now);
    lastAudioNanos = now;
    if (underrunFrame >= 0 && frame - underrunFrame < GAP_WINDOW_FRAMES && speech == null) {
      m.clientPlayoutGaps.increment();
    }
    underrunFrame = -1;
    queuedBytes += bytes;
  }

  @Override
  public void onClear() {
    long now = System.nanoTime();
    lastClearNanos = now;
    queuedBytes = 0;
    underrunFrame = -1;
    if (barging) {
      barging = false;
      (probe.echo ? m.bargeInEcho : m.bargeInClean).add(now - bargeOnsetNanos);
    } else if (speech == null) {
      (probe.echo ? m.falseBargeInsEcho : m.falseBargeInsClean).increment();
    } else {
      m.overlapClears.increment();
    }
  }

  @Override
  public void onFrame(byte[] heard, byte[] said) {
    frame++;
    if (m.hangUpAll) {
      if (!hungUp) {
        hungUp = true;
        context.hangUp();
      }
      return;
    }
    long now = System.nanoTime();
    playedOneFrame();
    hear(LineLevel.meanLevel(heard, 0, heard.length) >= AGENT_LEVEL);
    if (barging && now - bargeOnsetNanos > BARGE_IN_DEADLINE_NANOS) {
      barging = false;
      (probe.echo ? m.bargeInMissedEcho : m.bargeInMissedClean).increment();
    }
    if (frame >= nextProbeFrame && context.streamOpen()) {
      nextProbeFrame = frame + PROBE_EVERY_FRAMES;
      context.pressDigits("5");
      probe.dtmfPressed(now);
    }
    if (speech == null && unanswered) {
      if (bargeInPlanned && agentTurn && frame >= bargeAtFrame) {
        startSpeaking(now, true);
      } else if (!agentTurn && frame - lastLoudFrame >= replyGapFrames) {
        startSpeaking(now, false);
      }
    }
    if (speech != null) {
      int n = Math.min(said.length, speech.length - speechPos);
      System.arraycopy(speech, speechPos, said, 0, n);
      speechPos += n;
      if (speechPos >= speech.length) {
        endSpeaking(now);
      }
    }
  }

  /** The emulator played one frame of what was queued: tracks underruns for gap detection. */
  private void playedOneFrame() {
    if (queuedBytes > 0) {
      queuedBytes -= Math.min(160, queuedBytes);
      if (queuedBytes == 0) {
        underrunFrame = frame;
      }
    }
  }

  private void hear(boolean loud) {
    if (loud) {
      if (!agentTurn) {
        startAgentTurn();
      }
      lastLoudFrame = frame;
    } else if (agentTurn && frame - lastLoudFrame >= TURN_END_FRAMES) {
      agentTurn = false;
    }
  }

  private void startAgentTurn() {
    agentTurn = true;
    if (speech != null) {
      // The agent started while the callee was still talking: that overlap is no trial.
      unanswered = true;
      bargeInPlanned = false;
      replyGapFrames = TURN_END_FRAMES + 5;
      return;
    }
    unanswered = true;
    bargeInPlanned = random.nextDouble() < bargeInShare;
    bargeAtFrame = frame + 15 + random.nextInt(45);
    replyGapFrames = TURN_END_FRAMES + 5 + random.nextInt(20);
    if (!bargeInPlanned) {
      (probe.echo ? m.silentTurnsEcho : m.silentTurnsClean).increment();
    }
  }

  private void startSpeaking(long now, boolean bargeIn) {
    unanswered = false;
    speech = lines.pick(random);
    speechPos = 0;
    speechStartNanos = now;
    turnArmed = false;
    m.calleeTurns.increment();
    if (bargeIn) {
      barging = true;
      bargeOnsetNanos = now;
      (probe.echo ? m.bargeInAttemptsEcho : m.bargeInAttemptsClean).increment();
    }
  }

  private void endSpeaking(long now) {
    speech = null;
    speechEndNanos = now;
    probe.speechEnded(now);
    // The next audio is the agent's answer only if nothing older can still be arriving.
    turnArmed = lastAudioNanos < speechStartNanos || lastClearNanos > lastAudioNanos;
  }
}
