package dev.parley.audio.echo;

import dev.parley.audio.codec.MuLaw;

/**
 * Subtracts an estimate of our own echo from the inbound audio, so a callee quieter than our echo
 * can still be heard: an NLMS filter of {@value #TAPS} taps (16 ms, a hybrid's dispersion with
 * room) placed around the echo's bulk delay, on 8 kHz linear samples.
 *
 * <p><b>Reference.</b> Our outbound frames are kept as linear samples on the inbound timeline
 * ({@link EchoReference}; every sample index counts samples received on the inbound stream, as
 * {@link EchoGate}'s do), at the sample where they began to play: {@link #farFrame}, moved by
 * {@link #shiftFar} when a mark echo corrects the timeline, cut by {@link #clearFar} after a {@code
 * clear}. Nothing is adapted or judged before {@link #trustFrom} (the timeline is confirmed) or
 * while {@link #suspendUntil} says placements are uncertain.
 *
 * <p><b>Delay.</b> {@link EchoDelayEstimator} finds the bulk delay to a few 2 ms blocks from onsets
 * alone; a sample-level cross-correlation within {@value EchoDelaySearch#REFINE} samples of it
 * places the window {@value #PRE} samples before the echo; once the filter has converged its
 * largest tap says where the echo is, and the window is re-centred on it every {@value
 * #RECENTRE_FRAMES} frames, so the delay is re-checked all call long.
 *
 * <p><b>Double talk and divergence.</b> Each frame's residual is a-priori (each sample filtered
 * before the filter adapts on it). The residual level echo alone leaves is learned per block of
 * echo frames; a frame whose residual, less what a scaled copy of the echo estimate or of our audio
 * at the main tap explains, stands {@value #MARGIN_DB} dB above that level plus the line noise is
 * the callee: the frame's adaptation is undone and the next frame does not adapt. A residual twice
 * the raw frame's for {@value #DIVERGED_FRAMES} frames in a row means the filter adds echo: it
 * starts over. Until the learned level is {@value #CONVERGED_ERLE_DB} dB or more under the echo,
 * {@link #process} reports the residual unusable and the caller keeps to the level gate.
 *
 * <p>μ-law on both legs bounds what is achievable (the echo comes back requantised, about 38 dB
 * signal to quantisation noise); the simulated lines give 20-28 dB.
 *
 * <p>The parts: {@link EchoDelaySearch} places the window, {@link NlmsEchoFilter} filters and
 * adapts, {@link ResidualLevel} learns what echo alone leaves; this class judges each frame.
 *
 * <p>Allocates nothing per frame (about 45 KB at construction). One instance per call; not
 * thread-safe.
 */
public final class EchoCanceller {

  /** Filter length: 16 ms. The simulated hybrid spreads its echo over 11 ms. */
  public static final int TAPS = NlmsEchoFilter.TAPS;

  /** Taps before the estimated bulk delay: the estimator is good to a block or two. */
  static final int PRE = EchoDelaySearch.PRE;

  /** Lowest residual ratio the learner assumes when limiting its rise (-60 dB). */
  private static final double MIN_RATIO = 1e-6;

  /** How far above the line noise an echo estimate must be to teach the residual level: 15 dB. */
  private static final double TEACHING_SNR = Math.pow(10, 15 / 10.0);

  private static final double NOISE_RISE = Math.pow(10, 0.1 / 10);

  /** How far a frame's residual must be above what echo alone leaves to be the callee. */
  static final double MARGIN_DB = 6.0;

  /**
   * Echo return loss enhancement the residual of echo-only frames must show over a whole block
   * before the residual is used at all.
   */
  static final double CONVERGED_ERLE_DB = 10.0;

  /** Frames in a row with a residual louder than the raw frame before the filter starts over. */
  static final int DIVERGED_FRAMES = 5;

  /** Frames between re-centring the window on the largest tap. */
  static final int RECENTRE_FRAMES = 25;

  /**
   * An echo estimate quieter than this (-50 dBov) is too weak to judge the residual against: such
   * frames are left to the level gate (its echo-path model already expects little echo there).
   */
  private static final double MIN_ECHO_MEAN_SQUARE = MuLaw.meanSquareOf(-50);

  private static final double MARGIN = Math.pow(10, MARGIN_DB / 10);
  private static final double CLEAR_MARGIN = Math.pow(10, (MARGIN_DB + 3) / 10);
  private static final double CONVERGED = Math.pow(10, -CONVERGED_ERLE_DB / 10);
  private static final double RISE = EchoGate.RISE;

  private static final int FRAME = MuLaw.FRAME_SAMPLES;

  private final EchoReference far = new EchoReference();
  private final EchoDelaySearch search;
  private final NlmsEchoFilter filter = new NlmsEchoFilter();
  private final ResidualLevel level = new ResidualLevel();
  private final float[] near = new float[FRAME];
  private long nextSample = -1;
  private int windowStart = Integer.MIN_VALUE;
  private int framesSinceRecentre;

  private long trustFrom = Long.MAX_VALUE;
  private long suspendedUntil;

  private double noise = Double.MAX_VALUE;
  private int divergedRun;

  private boolean usable;
  private boolean heardBefore;
  private boolean wasUsable;
  private boolean callee;
  private boolean calleeClear;

  private double echoOnlyIn;
  private double echoOnlyResidual;
  private long framesCancelled;
  private long resets;

  /**
   * @param maxDelayMillis longest echo delay searched (from where a frame plays to its echo)
   */
  public EchoCanceller(int maxDelayMillis) {
    this.search = new EchoDelaySearch(maxDelayMillis * MuLaw.SAMPLE_RATE / 1000);
  }

  /** Our μ-law frame plays from inbound sample {@code startSample}. */
  public void farFrame(byte[] mulaw, int off, int len, long startSample) {
    far.write(mulaw, off, len, startSample);
  }

  /** Our audio placed at or after {@code fromSample} really plays {@code delta} samples later. */
  public void shiftFar(long fromSample, long delta) {
    far.shift(fromSample, delta);
  }

  /** Our audio from {@code fromSample} on never played (Twilio dropped its buffer). */
  public void clearFar(long fromSample) {
    far.clear(fromSample);
  }

  /** Our audio is placed to the frame for inbound frames from {@code sampleIndex} on. */
  public void trustFrom(long sampleIndex) {
    trustFrom = sampleIndex;
  }

  /**
   * Where our recent audio played is uncertain: no adapting and no verdicts until inbound sample
   * {@code sampleIndex}.
   */
  public void suspendUntil(long sampleIndex) {
    suspendedUntil = Math.max(suspendedUntil, sampleIndex);
    // The filter may still be right, but that has to be shown again: after a stalled event loop the
    // reference was off by more than the suspension allowed for on some lines, and residuals 7 dB
    // under the echo read as the callee (7 false barge-ins in 200 simulated playbacks).
    level.forget();
  }

  /**
   * Cancels our echo from the inbound frame starting at {@code sampleIndex}; {@code calleeClear}
   * says the caller already knows this frame is the callee (no adapting on it). Returns whether the
   * residual ({@link #residual()}) is trustworthy: the filter has converged and our audio is placed
   * right.
   */
  public boolean process(byte[] mulaw, int off, int len, long sampleIndex, boolean calleeClear) {
    wasUsable = usable;
    usable = false;
    callee = false;
    this.calleeClear = false;
    if (len != FRAME) {
      nextSample = -1;
      return false;
    }
    if (sampleIndex != nextSample) {
      search.gap(nextSample < 0 ? Integer.MAX_VALUE : sampleIndex - nextSample);
    }
    nextSample = sampleIndex + len;
    float[] y = near;
    long rawEnergy = 0;
    for (int i = 0; i < len; i++) {
      short s = MuLaw.decode(mulaw[off + i]);
      y[i] = s;
      rawEnergy += s * s;
    }
    int move = search.frame(far, y, sampleIndex, len, converged(), windowStart);
    if (move != Integer.MIN_VALUE) {
      placeWindow(move);
    }
    if (windowStart == Integer.MIN_VALUE) {
      return false;
    }
    filter.fillReference(far, sampleIndex - windowStart - (TAPS - 1), len);
    boolean placed = sampleIndex >= trustFrom && sampleIndex >= suspendedUntil;
    filter.save();
    // No adapting while the callee was heard on the frame before either: their words would be
    // taken for our echo before this frame could be judged.
    double echoEnergy = filter.filter(y, len, placed && !calleeClear && !heardBefore, wasUsable);
    framesCancelled++;
    judge(rawEnergy, echoEnergy, placed, calleeClear);
    if (callee || calleeClear || !placed) {
      filter.restore();
    }
    heardBefore = callee || calleeClear;
    if (placed && level.ready() && ++framesSinceRecentre >= RECENTRE_FRAMES) {
      framesSinceRecentre = 0;
      recentre();
    }
    usable = placed && converged();
    return usable;
  }

  /** Whether the residual level echo alone leaves is learned and far enough under the echo. */
  private boolean converged() {
    return level.ratio() <= CONVERGED;
  }

  /** Puts the window at {@code start}, keeping what the filter learned of taps both cover. */
  private void placeWindow(int start) {
    if (windowStart == Integer.MIN_VALUE) {
      moveWindow(start);
    } else {
      shiftWindow(start - windowStart);
    }
  }

  private void moveWindow(int start) {
    windowStart = start;
    startOver();
  }

  private void startOver() {
    filter.clear();
    level.forget();
    divergedRun = 0;
    framesSinceRecentre = 0;
  }

  private void judge(long rawEnergy, double echoEnergy, boolean placed, boolean clearCallee) {
    double r = filter.residualEnergy();
    // From the residual too: the raw frame's quietest still holds our echo during long phrases.
    trackNoise(Math.min((double) rawEnergy, r));
    if (placed && r > 2.0 * rawEnergy && rawEnergy > MIN_ECHO_MEAN_SQUARE * FRAME) {
      if (++divergedRun >= DIVERGED_FRAMES) {
        startOver();
        resets++;
        return;
      }
    } else {
      divergedRun = 0;
    }
    if (!placed) {
      return;
    }
    double bar = level.ratio();
    // Echo the filter missed is still our audio: a gain it has not followed yet (a hybrid's gain
    // wanders, and the filter does not adapt on our quiet stretches) leaves a scaled copy of the
    // estimate, a misplaced tap a copy of our audio at that tap. Only what neither explains counts
    // (least squares, per frame). The callee is explained by neither.
    double unexplained = r;
    if (echoEnergy > 0) {
      unexplained -= filter.cross() * filter.cross() / echoEnergy;
    }
    if (filter.mainPower() > 0) {
      unexplained -= filter.mainCross() * filter.mainCross() / filter.mainPower();
    }
    // What echo alone leaves: the learned share of the estimate, plus the line's noise (its
    // quietest frame, doubled: typical frames of pink line noise are 2-3 dB above the quietest).
    // With little echo predicted that is the noise, so a callee speaking while our audio's echo is
    // quiet is heard even though a louder syllable of ours sits elsewhere in the gate's window.
    double expected = bar * echoEnergy + 2 * noise;
    // A residual above the raw frame is normal for a callee much louder than our echo (the
    // estimate, uncorrelated with them, adds its own energy); twice the raw frame is a filter
    // adding echo (the divergence check above).
    if (level.ready()
        && bar <= CONVERGED
        && r < 2.0 * rawEnergy
        && unexplained > expected * MARGIN) {
      callee = true;
      calleeClear = unexplained > expected * CLEAR_MARGIN;
      return;
    }
    // What the filter missed relative to the echo it predicted; taught only by frames whose echo
    // stands well clear of the line noise (on the others the ratio is the noise's, and subtracting
    // the noise estimate made it 0 on some and the learned level -60 dB).
    if (clearCallee
        || echoEnergy < MIN_ECHO_MEAN_SQUARE * FRAME
        || echoEnergy < noise * TEACHING_SNR) {
      return;
    }
    double ratio = r / echoEnergy;
    level.learn(level.ready() ? Math.min(ratio, Math.max(bar, MIN_RATIO) * RISE) : ratio);
    if (level.ready() && bar <= CONVERGED) {
      echoOnlyIn += rawEnergy;
      echoOnlyResidual += r;
    }
  }

  /** The line's noise per frame: the quietest recent frame, rising 0.1 dB a frame. */
  private void trackNoise(double rawEnergy) {
    noise = rawEnergy < noise ? rawEnergy : Math.min(rawEnergy, noise * NOISE_RISE);
  }

  /** Re-centres the window on the largest tap, to the sample, keeping the weights. */
  private void recentre() {
    int largest = filter.largestTap();
    int k = TAPS - 1 - largest;
    int move = k - PRE;
    if (Math.abs(move) > 4) {
      shiftWindow(move);
    }
  }

  /** Moves the window {@code move} samples later, keeping the weights of taps both cover. */
  private void shiftWindow(int move) {
    if (Math.abs(move) >= TAPS) {
      moveWindow(windowStart + move);
      return;
    }
    filter.shift(move);
    windowStart += move;
  }

  /** The last frame's residual as μ-law (valid when {@link #process} returned true). */
  public byte[] residual() {
    return filter.residual();
  }

  /** The last frame's residual energy (sum of squared linear samples). */
  public long residualEnergy() {
    return filter.residualEnergy();
  }

  /** Whether the last frame's residual stands above what our echo alone leaves: the callee. */
  public boolean calleeHeard() {
    return usable && callee;
  }

  /** Whether it stands {@value #MARGIN_DB} + 6 dB above it: clearly the callee. */
  public boolean calleeClear() {
    return usable && calleeClear;
  }

  /** Whether the last frame's residual is usable (converged, placed). */
  public boolean usable() {
    return usable;
  }

  /**
   * Echo return loss enhancement over all echo-only frames since the filter converged (dB), or NaN
   * before.
   */
  public double meanErleDb() {
    return echoOnlyResidual <= 0 ? Double.NaN : 10 * Math.log10(echoOnlyIn / echoOnlyResidual);
  }

  /** The worst recent echo-only residual relative to the echo estimate, as an ERLE (dB). */
  public double recentErleDb() {
    return level.ready() ? -10 * Math.log10(Math.max(level.ratio(), 1e-12)) : Double.NaN;
  }

  /**
   * The echo's delay to the sample (the largest tap, from where a frame plays), or -1 before the
   * estimator has found one.
   */
  public int echoDelaySamples() {
    if (windowStart == Integer.MIN_VALUE) {
      return -1;
    }
    return windowStart + TAPS - 1 - filter.largestTap();
  }

  /** Frames run through the filter. */
  public long framesCancelled() {
    return framesCancelled;
  }

  /** Times the filter diverged and started over. */
  public long resets() {
    return resets;
  }
}
