package dev.parley.audio.echo;

import dev.parley.audio.codec.MuLaw;

/**
 * Decides whether an inbound frame can be explained as the echo of the agent's own recent audio or
 * is clearly the other person: inbound energy above the loudest outbound frame in the echo window,
 * attenuated by the worst-case echo return loss plus a margin, cannot be echo.
 *
 * <p>The configured return loss is the worst case. Most lines return far less echo, so the gate
 * learns the line's level: the largest inbound/loudest-outbound ratio over the last one or two
 * blocks of {@value #BLOCK} frames, plus {@value #SPREAD_DB} dB, never above the worst case. A
 * block max converges within a second of playback (the percentile tracker it replaced needed about
 * 4 s and held back a callee quieter than the agent's loudest syllable meanwhile). Only frames at
 * least one echo window after our audio resumed from silence teach it (so an echo still on its way
 * is not taken for a quiet line), and the learned level rises at most 0.5 dB per frame judged echo
 * and 0.1 dB per frame judged the other person (so a callee talking over us does not lift the gate
 * over the rest of their words, while an echo path that really got worse is absorbed).
 *
 * <p>Timeline: every sample index given to this class, outbound and inbound, counts samples
 * received on the inbound stream since it started. The media server maps outbound frames onto it
 * from Twilio's mark echoes (the sample index at which playout of a frame began). Outbound frames
 * must be reported in playout order; reporting a frame that starts earlier than frames already
 * reported (after a {@code clear}, say) forgets those later frames, which were never played.
 *
 * <p>Also holds a pre-roll of inbound frames ({@link #holdFrame}, {@link #drainPreRoll}) so speech
 * accepted after a few gated frames reaches STT whole.
 *
 * <p>Per frame this class allocates nothing. One instance per call; not thread-safe.
 */
public final class EchoGate {

  /** Outbound frames remembered: the echo window plus what is queued ahead at Twilio. */
  private static final int HISTORY = 512;

  private static final int MASK = HISTORY - 1;

  /**
   * Margin over the learned bound (the max of the last 25-50 ratios). Measured on synthesised
   * speech echoed at -6 to -20 dB, 60-250 ms, over -60 dBov line noise: with 6 dB the gate holds >=
   * 99% of audible echo frames (EchoGateScenarioTest).
   */
  static final double SPREAD_DB = 6.0;

  /**
   * Frames per learning block. A block outlasts the echo window (18 frames), so it always holds
   * frames whose echo source is still in the window, not only the tail after our audio paused (16
   * collapsed the bound there and let the echo of the next phrase through).
   */
  static final int BLOCK = 25;

  /**
   * How far above the echo threshold a frame is clearly the other person. Through real sockets, a
   * fast onset on frames merely above the threshold let 2-4 of 200 echo-only playbacks barge in.
   */
  static final double CLEAR_MARGIN_DB = 6.0;

  private static final double CLEAR_MARGIN = Math.pow(10, CLEAR_MARGIN_DB / 10);

  /** Most the learned level rises per frame judged echo: 0.5 dB. */
  private static final double RISE = Math.pow(10, 0.5 / 10);

  /** Most it rises per frame judged the other person: 0.1 dB. */
  private static final double CREEP = Math.pow(10, 0.1 / 10);

  private static final double SPREAD = Math.pow(10, SPREAD_DB / 10);

  /**
   * Outbound frames quieter than this (-45 dBov) say too little about the echo path to learn from.
   */
  private static final double LEARN_MIN_OUTBOUND = MuLaw.meanSquareOf(-45);

  private final long maxDelaySamples;
  private final double echoGain;
  private final long[] outStart = new long[HISTORY];
  private final int[] outLength = new int[HISTORY];
  private final double[] outMeanSquare = new double[HISTORY];
  private final PreRollBuffer preRoll;
  private int newest = -1;
  private int count;

  private double bound;
  private double previousBound;
  private int boundBlock;
  private boolean boundReady;
  private long learnFrom;
  private boolean clearlyNotEcho;
  private boolean overlappedPlayback;

  private long framesChecked;
  private long framesEcho;

  /** Creates a gate with an empty outbound history and a preallocated pre-roll. */
  public EchoGate(EchoGateConfig config) {
    this.maxDelaySamples = (long) config.maxEchoDelayMillis() * MuLaw.SAMPLE_RATE / 1000;
    this.echoGain = Math.pow(10, (config.marginDb() - config.echoReturnLossDb()) / 10);
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
    onPlaybackCleared(playoutStartSample);
    newest = (newest + 1) & MASK;
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
      newest = (newest - 1) & MASK;
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
      overlappedPlayback = false;
      return false;
    }
    double loudest = loudestOutbound(sampleIndex, len);
    overlappedPlayback = loudest > 0;
    if (loudest < LEARN_MIN_OUTBOUND) {
      // Nothing audible in the window, so no echo is on its way: once our audio resumes, its echo
      // has fully arrived only a whole window later.
      learnFrom = sampleIndex + len + maxDelaySamples;
    }
    if (loudest <= 0) {
      clearlyNotEcho = true;
      return false;
    }
    double in = (double) energy / len;
    double ratio = in / loudest;
    double threshold = threshold();
    boolean echo = ratio <= threshold;
    clearlyNotEcho = ratio > threshold * CLEAR_MARGIN;
    if (sampleIndex >= learnFrom) {
      learnBound(ratio, echo);
    }
    if (echo) {
      framesEcho++;
    }
    return echo;
  }

  /**
   * Whether the last frame checked was {@value #CLEAR_MARGIN_DB} dB or more above the echo
   * threshold (or nothing was playing): strong enough that a shorter onset count is safe.
   */
  public boolean clearlyNotEcho() {
    return clearlyNotEcho;
  }

  /** Ratio to the loudest outbound frame up to which a frame is echo: learned, or worst case. */
  private double threshold() {
    return boundReady ? Math.min(echoGain, Math.max(bound, previousBound) * SPREAD) : echoGain;
  }

  private void learnBound(double ratio, boolean echo) {
    double rise = echo ? RISE : CREEP;
    double r = boundReady ? Math.min(ratio, Math.max(bound, previousBound) * rise) : ratio;
    if (r > bound) {
      bound = r;
    }
    if (++boundBlock == BLOCK) {
      previousBound = bound;
      bound = 0;
      boundBlock = 0;
      boundReady = true;
    }
  }

  /** Whether any outbound audio played within the echo window of the inbound frame last checked. */
  public boolean lastFrameOverlappedPlayback() {
    return overlappedPlayback;
  }

  /**
   * Loudest outbound mean-square among frames playing between {@code maxDelay} before the inbound
   * frame and its end: any of them may be what this frame echoes.
   */
  private double loudestOutbound(long sampleIndex, int len) {
    long windowStart = sampleIndex - maxDelaySamples;
    long windowEnd = sampleIndex + len;
    double loudest = 0;
    for (int i = 0, slot = newest; i < count; i++, slot = (slot - 1) & MASK) {
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
    return 10 * Math.log10(threshold());
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
