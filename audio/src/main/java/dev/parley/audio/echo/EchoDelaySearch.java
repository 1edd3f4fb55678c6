package dev.parley.audio.echo;

import dev.parley.audio.codec.MuLaw;
import java.util.Arrays;

/**
 * Where {@link EchoCanceller}'s filter window goes: {@link EchoDelayEstimator} finds the echo's
 * bulk delay to a few 2 ms blocks from onsets alone; while the filter has not converged, a
 * sample-level cross-correlation within {@value #REFINE} samples of it places the window {@value
 * #PRE} samples before the echo.
 *
 * <p>Allocates nothing per frame. Not thread-safe.
 */
final class EchoDelaySearch {

  /** Taps before the estimated bulk delay: the estimator is good to a block or two. */
  static final int PRE = 24;

  /** Samples either side of the estimator's delay searched to the sample. */
  static final int REFINE = 96;

  /** Frames of our audio the sample-level search sums before it places the window. */
  static final int REFINE_FRAMES = 8;

  /** Frames the estimator must disagree with the searched range before the search moves. */
  static final int RECENTRE_AFTER = 50;

  /** Pre-emphasis of the sample-level search (first difference). */
  private static final float PRE_EMPHASIS = 0.95f;

  /** A window this close (samples) to where the search puts it stays where it is. */
  private static final int SETTLED = 6;

  private final EchoDelayEstimator estimator;
  private final int leadBlocks;
  private int refineCentre = Integer.MIN_VALUE;
  private int refineFrames;
  private int disagreeing;
  private final double[] refineSums = new double[2 * REFINE + 1];
  private final float[] refineReference = new float[MuLaw.FRAME_SAMPLES + 2 * REFINE];
  private final float[] refineNear = new float[MuLaw.FRAME_SAMPLES];
  private float lastNear;

  /**
   * @param maxDelaySamples longest echo delay searched (from where a frame plays to its echo)
   */
  EchoDelaySearch(int maxDelaySamples) {
    this.estimator = new EchoDelayEstimator(maxDelaySamples, 2 * EchoDelayEstimator.BLOCK);
    this.leadBlocks = estimator.leadBlocks();
  }

  /** {@code samples} of the inbound timeline went by unseen (Long.MAX_VALUE: unknown). */
  void gap(long samples) {
    lastNear = 0;
    estimator.gap(samples);
  }

  /**
   * Takes the inbound frame {@code near} (linear) starting at {@code sampleIndex} and returns where
   * the filter window should start now ({@code windowStart} is where it is, {@link
   * Integer#MIN_VALUE} if not placed yet), or {@link Integer#MIN_VALUE} to leave it.
   */
  int frame(
      EchoReference far,
      float[] near,
      long sampleIndex,
      int len,
      boolean converged,
      int windowStart) {
    int move = Integer.MIN_VALUE;
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
    if (delay != Integer.MIN_VALUE) {
      if (refineCentre == Integer.MIN_VALUE) {
        refineCentre = delay;
        move = delay - PRE;
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
      int refined =
          refine(far, near, sampleIndex, len, move != Integer.MIN_VALUE ? move : windowStart);
      if (refined != Integer.MIN_VALUE) {
        move = refined;
      }
    }
    lastNear = near[len - 1];
    return move;
  }

  /**
   * Refines the bulk delay to the sample: cross-correlates the inbound frame with our audio at
   * every delay within {@value #REFINE} samples of the estimator's, both pre-emphasised (first
   * difference) so speech's strong low frequencies do not widen the peak, and after {@value
   * #REFINE_FRAMES} frames of our audio puts the window's lead before the largest. Only while the
   * filter has not converged: the estimator's 2 ms blocks were 11 ms off on some lines, outside a
   * 16 ms filter, and the filter never converged there. About 31,000 multiply-adds a frame, for the
   * first second or so of a call. Returns the window start it wants, or MIN_VALUE.
   */
  private int refine(EchoReference far, float[] near, long sampleIndex, int len, int windowStart) {
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
    if (farPower < NlmsEchoFilter.DELTA) {
      return Integer.MIN_VALUE;
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
      return Integer.MIN_VALUE;
    }
    int best = 0;
    for (int m = 1; m <= 2 * REFINE; m++) {
      if (Math.abs(sums[m]) > Math.abs(sums[best])) {
        best = m;
      }
    }
    // sums[m] pairs the inbound sample n with our audio at n - (centre + REFINE - m).
    int start = refineCentre + REFINE - best - PRE;
    if (windowStart == Integer.MIN_VALUE || Math.abs(start - windowStart) > SETTLED) {
      return start;
    }
    return Integer.MIN_VALUE;
  }
}
