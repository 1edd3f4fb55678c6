package dev.parley.audio.vad;

import dev.parley.audio.codec.MuLaw;

/**
 * Fourth-order Butterworth high-pass (two RBJ biquads) at a corner frequency, for 8 kHz. Mains hum
 * and most of the power of pink and traffic noise sit below the telephone band's 300 Hz edge, where
 * speech carries little of what makes it speech; measuring energy after this filter raises the
 * effective SNR.
 *
 * <p>Works a frame at a time with its state in locals: the per-sample version kept the state in
 * arrays, which the JIT reloads and stores every sample, and cost 1.6 µs a frame (BENCHMARKS.md).
 * Allocates nothing; state is per stream.
 */
final class HighPassFilter {

  /** Butterworth pole-pair Q values for a 4th-order filter split into two biquads. */
  private static final double Q1 = 0.54119610;

  private static final double Q2 = 1.30656296;

  /** Filter state below this is flushed, so digital silence never runs on denormals. */
  private static final double SETTLED = 1e-9;

  private final double b0;
  private final double b1;
  private final double b2;
  private final double a11;
  private final double a21;
  private final double a12;
  private final double a22;
  private final double c0;
  private double z11;
  private double z21;
  private double z12;
  private double z22;
  private long lastSign;
  private int crossings;

  HighPassFilter(double cornerHz) {
    double w0 = 2 * Math.PI * cornerHz / MuLaw.SAMPLE_RATE;
    double cos = Math.cos(w0);
    double alpha1 = Math.sin(w0) / (2 * Q1);
    double alpha2 = Math.sin(w0) / (2 * Q2);
    // A high-pass biquad's numerator is (1 + cos) / 2 * (1, -2, 1) / a0; the two sections differ
    // only in a0, so the second section's gain is folded into one factor.
    double n = (1 + cos) / 2;
    b0 = n / (1 + alpha1);
    b1 = -2 * b0;
    b2 = b0;
    a11 = -2 * cos / (1 + alpha1);
    a21 = (1 - alpha1) / (1 + alpha1);
    c0 = n / (1 + alpha2);
    a12 = -2 * cos / (1 + alpha2);
    a22 = (1 - alpha2) / (1 + alpha2);
  }

  /**
   * Filters a frame of μ-law (transposed direct form II, both sections) and returns the sum of the
   * squared output; {@link #crossings()} then holds the output's sign changes in the frame.
   */
  double energy(byte[] buf, int off, int len) {
    double s11 = z11;
    double s21 = z21;
    double s12 = z12;
    double s22 = z22;
    long previous = lastSign;
    int changes = 0;
    double energy = 0;
    double d0 = c0;
    double d1 = -2 * c0;
    for (int i = off, end = off + len; i < end; i++) {
      double x = MuLaw.decode(buf[i]);
      double y1 = b0 * x + s11;
      s11 = b1 * x - a11 * y1 + s21;
      s21 = b2 * x - a21 * y1;
      double y = d0 * y1 + s12;
      s12 = d1 * y1 - a12 * y + s22;
      s22 = d0 * y1 - a22 * y;
      energy += y * y;
      // Branch-free sign change count: the sign bit of the double, compared with the last one.
      long sign = Double.doubleToRawLongBits(y) >>> 63;
      changes += (int) (sign ^ previous);
      previous = sign;
    }
    z11 = Math.abs(s11) < SETTLED ? 0 : s11;
    z21 = Math.abs(s21) < SETTLED ? 0 : s21;
    z12 = Math.abs(s12) < SETTLED ? 0 : s12;
    z22 = Math.abs(s22) < SETTLED ? 0 : s22;
    lastSign = previous;
    crossings = changes;
    return energy;
  }

  /** Sign changes of the output in the last frame (one across the frame edge counts). */
  int crossings() {
    return crossings;
  }

  void reset() {
    z11 = 0;
    z21 = 0;
    z12 = 0;
    z22 = 0;
    lastSign = 0;
    crossings = 0;
  }
}
