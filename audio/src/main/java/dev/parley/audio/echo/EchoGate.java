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
 * <p>Within that window the gate also models the echo path by delay ({@link EchoPathModel}): once
 * it knows which lags can carry our echo and how loud, a frame louder than what our audio at those
 * lags explains is the other person even while a louder syllable of ours sits elsewhere in the
 * window. The model is only used while the timeline is trusted ({@link #timelineTrustedFrom}): a
 * frame placed where it did not play would make it predict the wrong echo.
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
  static final double RISE = Math.pow(10, 0.5 / 10);

  /** Most it rises per frame judged the other person: 0.1 dB. */
  static final double CREEP = Math.pow(10, 0.1 / 10);

  private static final double SPREAD = Math.pow(10, SPREAD_DB / 10);

  /**
   * Margin over the echo-path model's learned level. At the real delay the ratio is steady (no loud
   * frame elsewhere in the window to account for), so less than {@link #SPREAD_DB} holds: in the
   * simulated barge-in corpus 0 dB still let no echo-only playback through, even with the server
   * stalling for 150-450 ms every ~0.7 s; 3 dB keeps room for echo paths less clean than a delayed
   * copy.
   */
  static final double MODEL_SPREAD_DB = 3.0;

  private static final double MODEL_SPREAD = Math.pow(10, MODEL_SPREAD_DB / 10);

  /**
   * How far above the model's prediction a frame is clearly the other person (a shorter onset
   * count). The prediction already carries {@link #MODEL_SPREAD_DB} over the learned level; in the
   * simulated corpus even 0 dB let no echo-only playback through, 3 dB keeps a margin for lines
   * less tidy than the simulation's.
   */
  static final double MODEL_CLEAR_MARGIN_DB = 3.0;

  private static final double MODEL_CLEAR_MARGIN = Math.pow(10, MODEL_CLEAR_MARGIN_DB / 10);

  /** Above the learned level by this much, a frame judged echo may be double talk. */
  static final double DOUBLE_TALK_DB = 3.0;

  private static final double DOUBLE_TALK = Math.pow(10, DOUBLE_TALK_DB / 10);

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
  private final EchoPathModel path;
  private final int lags;
  private int newest = -1;
  private int count;

  private double bound;
  private double previousBound;
  private int boundBlock;
  private boolean boundReady;
  private long learnFrom;
  private boolean clearlyNotEcho;
  private boolean overlappedPlayback;
  private long trustFrom;

  private long framesChecked;
  private long framesEcho;

  /** Creates a gate with an empty outbound history and a preallocated pre-roll. */
  public EchoGate(EchoGateConfig config) {
    this.maxDelaySamples = (long) config.maxEchoDelayMillis() * MuLaw.SAMPLE_RATE / 1000;
    this.echoGain = Math.pow(10, (config.marginDb() - config.echoReturnLossDb()) / 10);
    int preRollFrames = Math.max(1, config.preRollMillis() / MuLaw.FRAME_MILLIS);
    this.preRoll = new PreRollBuffer(preRollFrames, MuLaw.FRAME_SAMPLES);
    // Lag index: floor((inbound start - outbound start) / frame) + 1, from 0 (an outbound frame
    // starting inside the inbound frame) to the far end of the echo window.
    this.lags = (int) ((maxDelaySamples + MuLaw.FRAME_SAMPLES - 1) / MuLaw.FRAME_SAMPLES) + 2;
    this.path = new EchoPathModel(lags);
  }

  /**
   * Outbound frames are placed to the frame for inbound frames from {@code sampleIndex} on, so the
   * echo-path model may judge and learn from them; {@link Long#MAX_VALUE} until further notice.
   * Offline, with exact placements, it is trusted from the start.
   */
  public void timelineTrustedFrom(long sampleIndex) {
    trustFrom = sampleIndex;
  }

  /**
   * The timeline was found off by more than a frame: what the echo-path model learned lately may
   * rest on frames placed where they did not play, so it starts over, trusted again from {@code
   * sampleIndex}.
   */
  public void timelineCorrected(long sampleIndex) {
    trustFrom = sampleIndex;
    path.forget();
  }

  /**
   * Lengthens by {@code extra} samples the outbound frames placed in {@code [fromSample,
   * toSample)}: where exactly they played is known only within that span, so each stays in the echo
   * window for all of it.
   */
  public void widenOutbound(long fromSample, long toSample, long extra) {
    for (int i = 0, slot = newest; i < count; i++, slot = (slot - 1) & MASK) {
      long start = outStart[slot];
      if (start < fromSample) {
        break;
      }
      if (start < toSample) {
        outLength[slot] = (int) Math.min(Integer.MAX_VALUE, outLength[slot] + extra);
      }
    }
  }

  /**
   * Moves outbound frames placed at or after {@code fromSample} by {@code delta} samples: the
   * timeline was corrected (a mark echo showed where playout really is).
   */
  public void shiftOutbound(long fromSample, long delta) {
    for (int i = 0, slot = newest; i < count; i++, slot = (slot - 1) & MASK) {
      if (outStart[slot] < fromSample) {
        break;
      }
      outStart[slot] += delta;
    }
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
    if (count == 0 || playoutStartSample > outStart[newest] + outLength[newest]) {
      // Our audio resumes after a gap (a new stretch of playout): its echo has fully arrived only a
      // whole window later, and until then a short ratio would teach the learner a quiet line.
      learnFrom = Math.max(learnFrom, playoutStartSample + maxDelaySamples);
    }
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
    boolean clear = ratio > threshold * CLEAR_MARGIN;
    boolean trusted = sampleIndex >= trustFrom;
    double predicted = -1;
    if (trusted) {
      path.spans();
      if (!clear) {
        predicted = path.predictedEcho(MODEL_SPREAD, threshold, echoGain);
        // What our audio at the delays that may carry the echo explains; the window only bounds it.
        echo &= in <= predicted;
        clear = in > predicted * MODEL_CLEAR_MARGIN;
      }
    }
    clearlyNotEcho = clear;
    if (sampleIndex >= learnFrom && outStart[newest] + outLength[newest] > sampleIndex) {
      // Only while our audio is still playing: in the window's tail after it stopped, the echo of
      // a short delay is over while the loudest frame is still in the window, and two blocks of
      // such frames (a stalled event loop cuts playout into short stretches) taught the learner a
      // quiet line, letting the next stretch's echo through.
      learnBound(ratio, echo);
    }
    if (trusted) {
      // Each lag pairs a frame with the audio whose echo it would carry, so there is no waiting for
      // the echo to arrive: a lag shorter than the real delay simply collects evidence against it.
      path.learn(in, LEARN_MIN_OUTBOUND, echo);
    }
    if (echo) {
      framesEcho++;
    }
    return echo;
  }

  /**
   * How far a learned level may rise on one frame: {@link #RISE} for echo, {@link #CREEP} for a
   * frame judged the other person or one {@value #DOUBLE_TALK_DB} dB or more above what was
   * learned. The latter is the Geigel idea of G.168 double-talk detectors, relative to the learned
   * level: a callee under our loudest echo is judged echo, and rising 0.5 dB on each of their
   * frames lifted the gate over the rest of their first word (4 dB in 8 frames in the barge-in
   * corpus). A line whose echo really grew is absorbed at 0.1 dB a frame, 5 dB a second.
   */
  static double rise(double ratio, double learned, boolean echo) {
    return echo && ratio <= learned * DOUBLE_TALK ? RISE : CREEP;
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
    double learned = Math.max(bound, previousBound);
    double r = boundReady ? Math.min(ratio, learned * rise(ratio, learned, echo)) : ratio;
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
    double[] byLag = path.out;
    path.clearOut();
    for (int i = 0, slot = newest; i < count; i++, slot = (slot - 1) & MASK) {
      long start = outStart[slot];
      if (start + outLength[slot] <= windowStart) {
        break;
      }
      if (start >= windowEnd) {
        continue;
      }
      double ms = outMeanSquare[slot];
      if (ms > loudest) {
        loudest = ms;
      }
      int lag = (int) Math.floorDiv(sampleIndex - start, MuLaw.FRAME_SAMPLES) + 1;
      lag = Math.max(0, Math.min(lags - 1, lag));
      if (ms > byLag[lag]) {
        byLag[lag] = ms;
      }
    }
    return loudest;
  }

  /** The echo path's delay (ms, relative to where outbound frames are placed), or -1 if unknown. */
  public int echoPathLagMillis() {
    int lag = path.bestLag();
    return lag < 0 ? -1 : (lag - 1) * MuLaw.FRAME_MILLIS;
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
