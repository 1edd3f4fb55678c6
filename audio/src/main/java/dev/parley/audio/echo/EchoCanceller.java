package dev.parley.audio.echo;

import dev.parley.audio.codec.MuLaw;
import java.util.Arrays;

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
 * alone; a sample-level cross-correlation within {@value #REFINE} samples of it places the window
 * {@value #PRE} samples before the echo; once the filter has converged its largest tap says where
 * the echo is, and the window is re-centred on it every {@value #RECENTRE_FRAMES} frames, so the
 * delay is re-checked all call long.
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
 * <p>Allocates nothing per frame (about 45 KB at construction). One instance per call; not
 * thread-safe.
 */
public final class EchoCanceller {

  /** Filter length: 16 ms. The simulated hybrid spreads its echo over 11 ms. */
  public static final int TAPS = 128;

  /** Taps before the estimated bulk delay: the estimator is good to a block or two. */
  static final int PRE = 24;

  /** NLMS step. 0.5 converges within a few hundred ms of speech; less follows a hybrid slower. */
  private static final float MU = 0.5f;

  /**
   * Regularisation of the step, and the least power of our audio over the taps it adapts on: -40
   * dBov. Adapting on our quiet stretches (breaths, decays) at -50 dBov fitted the line noise:
   * weights wrong in directions our quiet audio barely excites, and on the next loud onset a
   * residual only 12 dB under the echo, uncorrelated with our audio at any single lag, which read
   * as the callee (70 false barge-ins in 200 simulated echo-only playbacks).
   */
  private static final float DELTA = (float) (TAPS * MuLaw.meanSquareOf(-40));

  /** Echo frames per block of the residual-level learner. */
  private static final int BLOCK = 10;

  /** Lowest residual ratio the learner assumes when limiting its rise (-60 dB). */
  private static final double MIN_RATIO = 1e-6;

  /** How far above the line noise an echo estimate must be to teach the residual level: 15 dB. */
  private static final double TEACHING_SNR = Math.pow(10, 15 / 10.0);

  /** Our audio within the filter's reach quieter than -65 dBov: nothing to cancel. */
  private static final double SILENT_REFERENCE =
      (TAPS + MuLaw.FRAME_SAMPLES) * MuLaw.meanSquareOf(-65);

  private static final double NOISE_RISE = Math.pow(10, 0.1 / 10);

  /** How far a frame's residual must be above what echo alone leaves to be the callee. */
  static final double MARGIN_DB = 6.0;

  /**
   * Echo return loss enhancement the residual of echo-only frames must show over a whole block
   * before the residual is used at all.
   */
  static final double CONVERGED_ERLE_DB = 10.0;

  /** Samples either side of the estimator's delay searched to the sample. */
  static final int REFINE = 96;

  /** Frames of our audio the sample-level search sums before it places the window. */
  static final int REFINE_FRAMES = 8;

  /** Frames the estimator must disagree with the searched range before the search moves. */
  static final int RECENTRE_AFTER = 50;

  /** Pre-emphasis of the sample-level search (first difference). */
  private static final float PRE_EMPHASIS = 0.95f;

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

  private final EchoDelayEstimator estimator;
  private final int leadBlocks;
  private long nextSample = -1;

  /**
   * Weights, reversed: {@code weights[TAPS - 1 - k]} is the tap at delay {@code windowStart + k}.
   */
  private final float[] weights = new float[TAPS];

  private final float[] saved = new float[TAPS];
  private final float[] reference = new float[TAPS + FRAME];
  private final float[] near = new float[FRAME];
  private final byte[] residual = new byte[FRAME];
  private int windowStart = Integer.MIN_VALUE;
  private int refineCentre = Integer.MIN_VALUE;
  private int refineFrames;
  private int disagreeing;
  private final double[] refineSums = new double[2 * REFINE + 1];
  private final float[] refineReference = new float[FRAME + 2 * REFINE];
  private final float[] refineNear = new float[FRAME];
  private float lastNear;
  private int framesSinceRecentre;

  private long trustFrom = Long.MAX_VALUE;
  private long suspendedUntil;

  private double largest;
  private double secondLargest;
  private double noise = Double.MAX_VALUE;
  private double previousLearned;
  private int learnBlock;
  private boolean ready;
  private int divergedRun;

  private boolean usable;
  private boolean heardBefore;
  private boolean wasUsable;
  private boolean callee;
  private boolean calleeClear;
  private long residualEnergy;

  private double echoOnlyIn;
  private double echoOnlyResidual;
  private long framesCancelled;
  private long resets;

  /**
   * @param maxDelayMillis longest echo delay searched (from where a frame plays to its echo)
   */
  public EchoCanceller(int maxDelayMillis) {
    int maxDelaySamples = maxDelayMillis * MuLaw.SAMPLE_RATE / 1000;
    this.estimator = new EchoDelayEstimator(maxDelaySamples, 2 * EchoDelayEstimator.BLOCK);
    this.leadBlocks = estimator.leadBlocks();
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
    forgetResidualLevel();
  }

  private void forgetResidualLevel() {
    largest = 0;
    secondLargest = 0;
    previousLearned = 0;
    learnBlock = 0;
    ready = false;
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
      lastNear = 0;
      estimator.gap(nextSample < 0 ? Integer.MAX_VALUE : sampleIndex - nextSample);
    }
    nextSample = sampleIndex + len;
    float[] y = near;
    long rawEnergy = 0;
    for (int i = 0; i < len; i++) {
      short s = MuLaw.decode(mulaw[off + i]);
      y[i] = s;
      rawEnergy += s * s;
    }
    estimate(sampleIndex, len);
    lastNear = y[len - 1];
    if (windowStart == Integer.MIN_VALUE) {
      return false;
    }
    fillReference(sampleIndex - windowStart - (TAPS - 1), TAPS - 1 + len);
    boolean placed = sampleIndex >= trustFrom && sampleIndex >= suspendedUntil;
    System.arraycopy(weights, 0, saved, 0, TAPS);
    // No adapting while the callee was heard on the frame before either: their words would be
    // taken for our echo before this frame could be judged.
    double echoEnergy = filter(len, placed && !calleeClear && !heardBefore);
    framesCancelled++;
    judge(rawEnergy, echoEnergy, placed, calleeClear);
    if (callee || calleeClear || !placed) {
      System.arraycopy(saved, 0, weights, 0, TAPS);
    }
    heardBefore = callee || calleeClear;
    if (placed && ready && ++framesSinceRecentre >= RECENTRE_FRAMES) {
      framesSinceRecentre = 0;
      recentre();
    }
    usable = placed && ready && learnedRatio() <= CONVERGED;
    return usable;
  }

  private void estimate(long sampleIndex, int len) {
    int lead = leadBlocks * EchoDelayEstimator.BLOCK;
    for (int b = 0; b < len; b += EchoDelayEstimator.BLOCK) {
      double in = 0;
      for (int i = b; i < b + EchoDelayEstimator.BLOCK; i++) {
        in += (double) near[i] * near[i];
      }
      double out = 0;
      long p0 = sampleIndex + b + lead;
      for (long p = p0; p < p0 + EchoDelayEstimator.BLOCK; p++) {
        float x = far.at(p);
        out += (double) x * x;
      }
      estimator.block(in, out);
    }
    estimator.endFrame();
    int delay = estimator.delaySamples();
    boolean converged = ready && learnedRatio() <= CONVERGED;
    if (delay != Integer.MIN_VALUE) {
      if (refineCentre == Integer.MIN_VALUE) {
        refineCentre = delay;
        moveWindow(delay - PRE);
      } else if (Math.abs(delay - refineCentre) <= REFINE - PRE) {
        disagreeing = 0;
      } else if (++disagreeing >= RECENTRE_AFTER && !converged) {
        // The estimator's peak hops between a syllable's shoulders (80-90 samples apart on some
        // lines; re-centring on each hop reset the filter 30 times in 2 s): only a bulk delay it
        // keeps away from the searched range for a second, with the filter not converged, moves
        // the search. The window stays until the search places it.
        refineCentre = delay;
        Arrays.fill(refineSums, 0);
        refineFrames = 0;
        disagreeing = 0;
      }
    }
    if (refineCentre != Integer.MIN_VALUE && !converged) {
      refine(sampleIndex, len);
    }
  }

  /**
   * Refines the bulk delay to the sample: cross-correlates the inbound frame with our audio at
   * every delay within {@value #REFINE} samples of the estimator's, both pre-emphasised (first
   * difference) so speech's strong low frequencies do not widen the peak, and after {@value
   * #REFINE_FRAMES} frames of our audio puts the window's lead before the largest. Only while the
   * filter has not converged: the estimator's 2 ms blocks were 11 ms off on some lines, outside a
   * 16 ms filter, and the filter never converged there. About 31,000 multiply-adds a frame, for the
   * first second or so of a call.
   */
  private void refine(long sampleIndex, int len) {
    long from = sampleIndex - refineCentre - REFINE;
    float prev = far.at(from - 1);
    float[] xs = refineReference;
    for (int k = 0; k < len + 2 * REFINE; k++) {
      float v = far.at(from + k);
      xs[k] = v - PRE_EMPHASIS * prev;
      prev = v;
    }
    double farPower = 0;
    for (int k = 2 * REFINE; k < len + 2 * REFINE; k++) {
      farPower += (double) xs[k] * xs[k];
    }
    if (farPower < DELTA) {
      return;
    }
    float[] yp = refineNear;
    float last = lastNear;
    for (int i = 0; i < len; i++) {
      yp[i] = near[i] - PRE_EMPHASIS * last;
      last = near[i];
    }
    double[] sums = refineSums;
    for (int m = 0; m <= 2 * REFINE; m++) {
      float a0 = 0;
      float a1 = 0;
      float a2 = 0;
      float a3 = 0;
      for (int i = 0; i < len; i += 4) {
        a0 += yp[i] * xs[i + m];
        a1 += yp[i + 1] * xs[i + m + 1];
        a2 += yp[i + 2] * xs[i + m + 2];
        a3 += yp[i + 3] * xs[i + m + 3];
      }
      sums[m] += (a0 + a1) + (a2 + a3);
    }
    if (++refineFrames < REFINE_FRAMES) {
      return;
    }
    int best = 0;
    for (int m = 1; m <= 2 * REFINE; m++) {
      if (Math.abs(sums[m]) > Math.abs(sums[best])) {
        best = m;
      }
    }
    // sums[m] pairs the inbound sample n with our audio at n - (centre + REFINE - m).
    int delay = refineCentre + REFINE - best;
    if (windowStart == Integer.MIN_VALUE) {
      moveWindow(delay - PRE);
    } else if (Math.abs(delay - PRE - windowStart) > 6) {
      // What the filter learned of taps both windows cover is kept.
      shiftWindow(delay - PRE - windowStart);
    }
  }

  private void moveWindow(int start) {
    windowStart = start;
    startOver();
  }

  private void startOver() {
    Arrays.fill(weights, 0);
    forgetResidualLevel();
    divergedRun = 0;
    framesSinceRecentre = 0;
  }

  private void fillReference(long from, int count) {
    float[] r = reference;
    for (int j = 0; j < count; j++) {
      r[j] = far.at(from + j);
    }
  }

  /**
   * Filters the frame (a-priori residual into {@link #residual}) and, if {@code adapt}, runs NLMS
   * sample by sample. Returns the echo estimate's energy.
   */
  private double filter(int len, boolean adapt) {
    float[] w = weights;
    float[] x = reference;
    float[] y = near;
    double power = 0;
    for (int j = 0; j < TAPS; j++) {
      power += x[j] * x[j];
    }
    double reach = power;
    for (int j = TAPS; j < TAPS - 1 + len; j++) {
      reach += x[j] * x[j];
    }
    if (reach < SILENT_REFERENCE) {
      // Our audio within the filter's reach is silence (a pause, or before the echo arrives): the
      // estimate would be next to nothing and there is nothing to adapt on. Half the frames of a
      // call's playback are such pauses.
      return silentReference(len);
    }
    // Once converged, adapting on every other sample tracks a wandering hybrid as well (the
    // simulated corpus gives the same figures) for a third less work.
    int stride = wasUsable ? 1 : 0;
    double echoEnergy = 0;
    double residualSum = 0;
    double cross = 0;
    int main = largestTap();
    double mainCross = 0;
    double mainPower = 0;
    for (int i = 0; i < len; i++) {
      // Eight partial sums: two multiply-add units with four cycles of latency each.
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      float s4 = 0;
      float s5 = 0;
      float s6 = 0;
      float s7 = 0;
      for (int j = 0; j < TAPS; j += 8) {
        int k = i + j;
        s0 += w[j] * x[k];
        s1 += w[j + 1] * x[k + 1];
        s2 += w[j + 2] * x[k + 2];
        s3 += w[j + 3] * x[k + 3];
        s4 += w[j + 4] * x[k + 4];
        s5 += w[j + 5] * x[k + 5];
        s6 += w[j + 6] * x[k + 6];
        s7 += w[j + 7] * x[k + 7];
      }
      float echo = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
      float e = y[i] - echo;
      if (adapt && (i & stride) == 0 && power > DELTA) {
        float g = (float) (MU * e / (power + DELTA));
        for (int j = 0; j < TAPS; j++) {
          w[j] += g * x[i + j];
        }
      }
      float xo = x[i];
      float xn = x[i + TAPS];
      power += (double) xn * xn - (double) xo * xo;
      cross += (double) e * echo;
      float xm = x[i + main];
      mainCross += (double) e * xm;
      mainPower += (double) xm * xm;
      echoEnergy += (double) echo * echo;
      residualSum += (double) e * e;
      residual[i] = MuLaw.encode(Math.round(e));
    }
    residualEnergy = (long) residualSum;
    this.cross = cross;
    this.mainCross = mainCross;
    this.mainPower = mainPower;
    return echoEnergy;
  }

  private double silentReference(int len) {
    double sum = 0;
    for (int i = 0; i < len; i++) {
      float e = near[i];
      sum += (double) e * e;
      residual[i] = MuLaw.encode(Math.round(e));
    }
    residualEnergy = (long) sum;
    cross = 0;
    mainCross = 0;
    mainPower = 0;
    return 0;
  }

  private double cross;
  private double mainCross;
  private double mainPower;

  private void judge(long rawEnergy, double echoEnergy, boolean placed, boolean clearCallee) {
    double r = residualEnergy;
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
    double bar = learnedRatio();
    // Echo the filter missed is still our audio: a gain it has not followed yet (a hybrid's gain
    // wanders, and the filter does not adapt on our quiet stretches) leaves a scaled copy of the
    // estimate, a misplaced tap a copy of our audio at that tap. Only what neither explains counts
    // (least squares, per frame). The callee is explained by neither.
    double unexplained = r;
    if (echoEnergy > 0) {
      unexplained -= cross * cross / echoEnergy;
    }
    if (mainPower > 0) {
      unexplained -= mainCross * mainCross / mainPower;
    }
    // What echo alone leaves: the learned share of the estimate, plus the line's noise (its
    // quietest frame, doubled: typical frames of pink line noise are 2-3 dB above the quietest).
    // With little echo predicted that is the noise, so a callee speaking while our audio's echo is
    // quiet is heard even though a louder syllable of ours sits elsewhere in the gate's window.
    double expected = bar * echoEnergy + 2 * noise;
    // A residual above the raw frame is normal for a callee much louder than our echo (the
    // estimate, uncorrelated with them, adds its own energy); twice the raw frame is a filter
    // adding echo (the divergence check above).
    if (ready && bar <= CONVERGED && r < 2.0 * rawEnergy && unexplained > expected * MARGIN) {
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
    learn(ready ? Math.min(ratio, Math.max(bar, MIN_RATIO) * RISE) : ratio);
    if (ready && bar <= CONVERGED) {
      echoOnlyIn += rawEnergy;
      echoOnlyResidual += r;
    }
  }

  /** The line's noise per frame: the quietest recent frame, rising 0.1 dB a frame. */
  private void trackNoise(double rawEnergy) {
    noise = rawEnergy < noise ? rawEnergy : Math.min(rawEnergy, noise * NOISE_RISE);
  }

  /**
   * Block statistic of the residual ratio: the second largest of each {@value #BLOCK} echo frames
   * (about the 90th percentile), the larger of this block's and the last one's. The largest alone
   * was the frame where our speech changed fastest, 6-10 dB worse than nine frames in ten.
   */
  private void learn(double ratio) {
    if (ratio > largest) {
      secondLargest = largest;
      largest = ratio;
    } else if (ratio > secondLargest) {
      secondLargest = ratio;
    }
    if (++learnBlock == BLOCK) {
      previousLearned = secondLargest;
      largest = 0;
      secondLargest = 0;
      learnBlock = 0;
      ready = true;
    }
  }

  /** The largest tap's index in {@link #weights} (reversed order). */
  private int largestTap() {
    int largest = 0;
    float size = 0;
    for (int j = 0; j < TAPS; j++) {
      float a = Math.abs(weights[j]);
      if (a > size) {
        size = a;
        largest = j;
      }
    }
    return largest;
  }

  /** Re-centres the window on the largest tap, to the sample, keeping the weights. */
  private void recentre() {
    int largest = largestTap();
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
    // Tap k moves to k - move; in reversed order index j moves to j + move.
    if (move > 0) {
      System.arraycopy(weights, 0, weights, move, TAPS - move);
      Arrays.fill(weights, 0, move, 0f);
    } else {
      System.arraycopy(weights, -move, weights, 0, TAPS + move);
      Arrays.fill(weights, TAPS + move, TAPS, 0f);
    }
    windowStart += move;
  }

  private double learnedRatio() {
    return ready ? Math.max(secondLargest, previousLearned) : Double.MAX_VALUE;
  }

  /** The last frame's residual as μ-law (valid when {@link #process} returned true). */
  public byte[] residual() {
    return residual;
  }

  /** The last frame's residual energy (sum of squared linear samples). */
  public long residualEnergy() {
    return residualEnergy;
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
    return ready ? -10 * Math.log10(Math.max(learnedRatio(), 1e-12)) : Double.NaN;
  }

  /**
   * The echo's delay to the sample (the largest tap, from where a frame plays), or -1 before the
   * estimator has found one.
   */
  public int echoDelaySamples() {
    if (windowStart == Integer.MIN_VALUE) {
      return -1;
    }
    int largest = 0;
    for (int j = 1; j < TAPS; j++) {
      if (Math.abs(weights[j]) > Math.abs(weights[largest])) {
        largest = j;
      }
    }
    return windowStart + TAPS - 1 - largest;
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
