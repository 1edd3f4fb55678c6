package dev.parley.audio.vad;

import dev.parley.audio.codec.MuLaw;

/**
 * Fourth-order Butterworth high-pass (two RBJ biquads) at a corner frequency, for 8 kHz. Mains hum
 * and most of the power of pink and traffic noise sit below the telephone band's 300 Hz edge, where
 * speech carries little of what makes it speech; measuring energy after this filter raises the
 * effective SNR.
 *
 * <p>Allocates nothing per sample or frame; state is per stream.
 */
final class HighPassFilter {

  /** Butterworth pole-pair Q values for a 4th-order filter split into two biquads. */
  private static final double[] Q = {0.54119610, 1.30656296};

  private final double[] b0 = new double[2];
  private final double[] b1 = new double[2];
  private final double[] b2 = new double[2];
  private final double[] a1 = new double[2];
  private final double[] a2 = new double[2];
  private final double[] z1 = new double[2];
  private final double[] z2 = new double[2];

  HighPassFilter(double cornerHz) {
    double w0 = 2 * Math.PI * cornerHz / MuLaw.SAMPLE_RATE;
    double cos = Math.cos(w0);
    for (int s = 0; s < 2; s++) {
      double alpha = Math.sin(w0) / (2 * Q[s]);
      double a0 = 1 + alpha;
      b0[s] = (1 + cos) / 2 / a0;
      b1[s] = -(1 + cos) / a0;
      b2[s] = (1 + cos) / 2 / a0;
      a1[s] = -2 * cos / a0;
      a2[s] = (1 - alpha) / a0;
    }
  }

  /** Filters one sample (transposed direct form II). */
  double filter(double x) {
    double y = x;
    for (int s = 0; s < 2; s++) {
      double in = y;
      y = b0[s] * in + z1[s];
      z1[s] = b1[s] * in - a1[s] * y + z2[s];
      z2[s] = b2[s] * in - a2[s] * y;
    }
    return y;
  }

  /** Flushes state that has decayed to nothing, so digital silence never runs on denormals. */
  void settle() {
    for (int s = 0; s < 2; s++) {
      if (Math.abs(z1[s]) < 1e-9) {
        z1[s] = 0;
      }
      if (Math.abs(z2[s]) < 1e-9) {
        z2[s] = 0;
      }
    }
  }

  void reset() {
    java.util.Arrays.fill(z1, 0);
    java.util.Arrays.fill(z2, 0);
  }
}
