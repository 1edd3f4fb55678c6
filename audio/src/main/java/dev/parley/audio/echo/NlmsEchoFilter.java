package dev.parley.audio.echo;

import dev.parley.audio.codec.MuLaw;
import java.util.Arrays;

/**
 * The adaptive filter of {@link EchoCanceller}: {@value #TAPS} NLMS taps over our audio (8 kHz
 * linear) in a window the canceller places around the echo's bulk delay. Per frame it gives the a
 * priori residual (each sample filtered before the filter adapts on it), as μ-law and as energy,
 * and the least-squares terms the canceller's double-talk test needs.
 *
 * <p>Allocates nothing per frame. Not thread-safe.
 */
final class NlmsEchoFilter {

  /** Filter length: 16 ms. The simulated hybrid spreads its echo over 11 ms. */
  static final int TAPS = 128;

  /** NLMS step. 0.5 converges within a few hundred ms of speech; less follows a hybrid slower. */
  private static final float MU = 0.5f;

  /**
   * Regularisation of the step, and the least power of our audio over the taps it adapts on: -40
   * dBov. Adapting on our quiet stretches (breaths, decays) at -50 dBov fitted the line noise:
   * weights wrong in directions our quiet audio barely excites, and on the next loud onset a
   * residual only 12 dB under the echo, uncorrelated with our audio at any single lag, which read
   * as the callee (70 false barge-ins in 200 simulated echo-only playbacks).
   */
  static final float DELTA = (float) (TAPS * MuLaw.meanSquareOf(-40));

  /** Our audio within the filter's reach quieter than -65 dBov: nothing to cancel. */
  private static final double SILENT_REFERENCE =
      (TAPS + MuLaw.FRAME_SAMPLES) * MuLaw.meanSquareOf(-65);

  private static final int FRAME = MuLaw.FRAME_SAMPLES;

  /** Weights, reversed: {@code weights[TAPS - 1 - k]} is the tap at delay {@code start + k}. */
  private final float[] weights = new float[TAPS];

  private final float[] saved = new float[TAPS];
  private final float[] reference = new float[TAPS + FRAME];
  private final byte[] residual = new byte[FRAME];
  private long residualEnergy;
  private double cross;
  private double mainCross;
  private double mainPower;

  /** Zeroes the weights. */
  void clear() {
    Arrays.fill(weights, 0);
  }

  /** Keeps the weights as they are, for {@link #restore}. */
  void save() {
    System.arraycopy(weights, 0, saved, 0, TAPS);
  }

  /** Puts back the weights {@link #save} kept: the frame's adaptation is undone. */
  void restore() {
    System.arraycopy(saved, 0, weights, 0, TAPS);
  }

  /**
   * Our audio for a frame of {@code len} samples from {@code from}: the window's first tap of the
   * frame's first sample on.
   */
  void fillReference(EchoReference far, long from, int len) {
    float[] r = reference;
    for (int j = 0, count = TAPS - 1 + len; j < count; j++) {
      r[j] = far.at(from + j);
    }
  }

  /**
   * Filters the frame {@code near} (a priori residual into {@link #residual}) and, if {@code
   * adapt}, runs NLMS sample by sample, on every other sample when {@code everyOther}. Returns the
   * echo estimate's energy.
   */
  double filter(float[] near, int len, boolean adapt, boolean everyOther) {
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
      return silentReference(near, len);
    }
    // Once converged, adapting on every other sample tracks a wandering hybrid as well (the
    // simulated corpus gives the same figures) for a third less work.
    int stride = everyOther ? 1 : 0;
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

  private double silentReference(float[] near, int len) {
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

  /** The largest tap's index in the weights (reversed order: delay {@code TAPS - 1 - index}). */
  int largestTap() {
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

  /**
   * The window moves {@code move} samples later ({@code |move| < TAPS}): the weights of taps both
   * windows cover are kept, the rest start at zero.
   */
  void shift(int move) {
    // Tap k moves to k - move; in reversed order index j moves to j + move.
    if (move > 0) {
      System.arraycopy(weights, 0, weights, move, TAPS - move);
      Arrays.fill(weights, 0, move, 0f);
    } else {
      System.arraycopy(weights, -move, weights, 0, TAPS + move);
      Arrays.fill(weights, TAPS + move, TAPS, 0f);
    }
  }

  /** The last frame's residual as μ-law. */
  byte[] residual() {
    return residual;
  }

  /** The last frame's residual energy (sum of squared linear samples). */
  long residualEnergy() {
    return residualEnergy;
  }

  /** Sum over the last frame of residual times echo estimate. */
  double cross() {
    return cross;
  }

  /** Sum over the last frame of residual times our audio at the largest tap. */
  double mainCross() {
    return mainCross;
  }

  /** Energy over the last frame of our audio at the largest tap. */
  double mainPower() {
    return mainPower;
  }
}
