package dev.parley.audio.echo;

import dev.parley.audio.codec.MuLaw;

/**
 * Decides whether an inbound frame can be explained as the echo of the agent's own recent audio or
 * is clearly the other person: inbound energy above the loudest outbound frame in the echo window,
 * attenuated by the worst-case echo return loss plus a margin, cannot be echo.
 *
 * <p>Timeline: every sample index given to this class, outbound and inbound, counts samples
 * received on the inbound stream since it started. The media server maps outbound frames onto it
 * from Twilio's mark echoes (the sample index at which playout of a frame began). Outbound frames
 * must be reported in playout order; reporting a frame that starts earlier than frames already
 * reported (after a {@code clear}, say) forgets those later frames, which were never played.
 *
 * <p>The configured return loss is the worst case. Most lines return far less echo, so the gate
 * also learns the line's actual echo level: over frames with clear outbound audio it tracks the
 * 90th percentile of the inbound/outbound power ratio of frames it judged echo (up 0.9 dB when
 * above, down 0.1 dB when below; a frame judged the other person creeps it up 0.1 dB, so an echo
 * path that really got worse is absorbed) and treats as echo anything up to that estimate plus
 * {@value #SPREAD_DB} dB, never more than the worst case allows. It starts at the worst case and
 * double talk only moves it up, so errors fall on the safe side (echo gated, not a false barge-in).
 *
 * <p>Also holds a pre-roll of inbound frames ({@link #holdFrame}, {@link #drainPreRoll}) so speech
 * accepted after a few gated frames reaches STT whole.
 *
 * <p>Per frame this class allocates nothing. One instance per call; not thread-safe.
 */
public final class EchoGate {

  /** Outbound frames remembered: the echo window plus what is queued ahead at Twilio. */
  private static final int HISTORY = 512;

  /**
   * Margin over the learned 90th percentile. Measured on synthesised speech echoed at -6 to -30 dB,
   * 20-290 ms, over -60 dBov line noise: the 99.9th percentile of the echo's power ratio sits 1-8
   * dB above its 90th; with 9 dB the gate holds >= 99.6% of audible echo frames
   * (EchoGateScenarioTest).
   */
  static final double SPREAD_DB = 9.0;

  private static final double SPREAD = Math.pow(10, SPREAD_DB / 10);
  private static final double UP = Math.pow(10, 0.9 / 10);
  private static final double DOWN = Math.pow(10, -0.1 / 10);
  private static final double CREEP = Math.pow(10, 0.1 / 10);
  private static final double LOWEST_BOUND = Math.pow(10, -60 / 10.0);

  /**
   * Outbound frames quieter than this (-45 dBov) say too little about the echo path to learn from.
   */
  private static final double LEARN_MIN_OUTBOUND = MuLaw.meanSquareOf(-45);

  private final long maxDelaySamples;
  private final double worstBound;
  private double echoBound;
  private final double echoGain;
  private final long[] outStart = new long[HISTORY];
  private final int[] outLength = new int[HISTORY];
  private final double[] outMeanSquare = new double[HISTORY];
  private final PreRollBuffer preRoll;
  private int newest = -1;
  private int count;

  private long framesChecked;
  private long framesEcho;

  /** Creates a gate with an empty outbound history and a preallocated pre-roll. */
  public EchoGate(EchoGateConfig config) {
    this.maxDelaySamples = (long) config.maxEchoDelayMillis() * MuLaw.SAMPLE_RATE / 1000;
    this.echoGain = Math.pow(10, (config.marginDb() - config.echoReturnLossDb()) / 10);
    this.worstBound = echoGain / SPREAD;
    this.echoBound = worstBound;
    int preRollFrames = Math.max(1, config.preRollMillis() / MuLaw.FRAME_MILLIS);
    this.preRoll = new PreRollBuffer(preRollFrames, MuLaw.FRAME_SAMPLES);
  }

  /** Records an outbound μ-law frame whose playout starts at {@code playoutStartSample}. */
  public void onOutboundFrame(byte[] buf, int off, int len, long playoutStartSample) {
    onOutboundEnergy(playoutStartSample, len, MuLaw.energy(buf, off, len));
  }

  /**
   * Records an outbound frame by its energy (sum of squared linear samples, as {@link
   * MuLaw#energy(byte[], int, int)} computes) when the caller has already computed it.
   */
  public void onOutboundEnergy(long playoutStartSample, int samples, long energy) {
    if (samples <= 0) {
      return;
    }
    while (count > 0 && outStart[newest] >= playoutStartSample) {
      newest = (newest - 1 + HISTORY) % HISTORY;
      count--;
    }
    newest = (newest + 1) % HISTORY;
    if (count < HISTORY) {
      count++;
    }
    outStart[newest] = playoutStartSample;
    outLength[newest] = samples;
    outMeanSquare[newest] = (double) energy / samples;
  }

  /**
   * Forgets outbound frames that were scheduled at or after {@code sampleIndex} but never played.
   */
  public void onPlaybackCleared(long sampleIndex) {
    while (count > 0 && outStart[newest] >= sampleIndex) {
      newest = (newest - 1 + HISTORY) % HISTORY;
      count--;
    }
  }

  /** Whether the inbound frame starting at {@code sampleIndex} can be explained as echo. */
  public boolean isEcho(byte[] buf, int off, int len, long sampleIndex) {
    return isEchoEnergy(MuLaw.energy(buf, off, len), len, sampleIndex);
  }

  /** As {@link #isEcho(byte[], int, int, long)} from a precomputed frame energy. */
  public boolean isEchoEnergy(long energy, int len, long sampleIndex) {
    framesChecked++;
    if (len <= 0) {
      return false;
    }
    double loudest = loudestOutbound(sampleIndex, len);
    if (loudest <= 0) {
      return false;
    }
    double ratio = (double) energy / len / loudest;
    boolean echo = ratio <= Math.min(echoGain, echoBound * SPREAD);
    if (loudest >= LEARN_MIN_OUTBOUND) {
      // Frames past the threshold are most likely the other person: they nudge the estimate up
      // only slowly, so double talk does not undo what was learned, yet an echo path that really
      // got worse is still absorbed.
      echoBound *= !echo ? CREEP : ratio > echoBound ? UP : DOWN;
      echoBound = Math.max(LOWEST_BOUND, Math.min(worstBound, echoBound));
    }
    if (echo) {
      framesEcho++;
    }
    return echo;
  }

  /** Whether any outbound audio played within the echo window of this inbound frame. */
  public boolean outboundActive(long sampleIndex, int len) {
    return loudestOutbound(sampleIndex, len) > 0;
  }

  /**
   * Loudest outbound mean-square among frames playing between {@code maxDelay} before the inbound
   * frame and its end: any of them may be what this frame echoes.
   */
  private double loudestOutbound(long sampleIndex, int len) {
    long windowStart = sampleIndex - maxDelaySamples;
    long windowEnd = sampleIndex + len;
    double loudest = 0;
    for (int i = 0, slot = newest; i < count; i++, slot = (slot - 1 + HISTORY) % HISTORY) {
      long start = outStart[slot];
      if (start + outLength[slot] <= windowStart) {
        break;
      }
      if (start < windowEnd && outMeanSquare[slot] > loudest) {
        loudest = outMeanSquare[slot];
      }
    }
    return loudest;
  }

  /**
   * Inbound level (dB relative to the loudest recent outbound frame) above which a frame is the
   * other person: the learned echo level plus margin, capped by the configured worst case.
   */
  public double echoThresholdDb() {
    return 10 * Math.log10(Math.min(echoGain, echoBound * SPREAD));
  }

  /** Holds an inbound frame in the pre-roll ring (oldest dropped when full). */
  public void holdFrame(byte[] buf, int off, int len, long sampleIndex) {
    preRoll.hold(buf, off, len, sampleIndex);
  }

  /** Releases held frames to {@code consumer}, oldest first, and empties the pre-roll. */
  public int drainPreRoll(PreRollConsumer consumer) {
    return preRoll.drain(consumer);
  }

  /** Drops held frames (they were echo after all). */
  public void clearPreRoll() {
    preRoll.clear();
  }

  /** Frames currently held in the pre-roll. */
  public int preRollSize() {
    return preRoll.size();
  }

  /** Inbound frames checked so far. */
  public long framesChecked() {
    return framesChecked;
  }

  /** Inbound frames judged echo so far. */
  public long framesEcho() {
    return framesEcho;
  }
}
