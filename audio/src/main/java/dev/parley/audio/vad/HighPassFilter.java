package dev.parley.audio.vad;

import dev.parley.audio.codec.MuLaw;

/**
 * Fourth-order Butterworth high-pass (two RBJ biquads in series) at a corner frequency, for 8 kHz.
 * Mains hum and most of the power of pink and traffic noise sit below the telephone band's 300 Hz
 * edge, where speech carries little of what makes it speech; measuring energy after this filter
 * raises the effective SNR.
 *
 * <p>Same transfer function as the textbook cascade, rearranged for speed. Both sections'
 * numerators are a gain times (1, -2, 1), so the zeros together are a gain times the fourth
 * difference (1, -4, 6, -4, 1), taken exactly on the decoded integers; the gain is applied once to
 * the frame's energy (it is positive, so signs and zero crossings do not change). What remains per
 * sample are the two sections' poles, each {@code u = w - a2*u[n-2] - a1*u[n-1]} with the last term
 * a fused multiply-add, so each sample waits for one FMA per section (the transposed cascade this
 * replaces waited for a multiply and three adds: 640 ns a frame, BENCHMARKS.md).
 *
 * <p>Allocates nothing; state is per stream.
 */
final class HighPassFilter {

  /** Butterworth pole-pair Q values for a 4th-order filter split into two biquads. */
  private static final double Q1 = 0.54119610;

  private static final double Q2 = 1.30656296;

  /** Filter state below this is flushed, so digital silence never runs on denormals. */
  private static final double SETTLED = 1e-9;

  /** Square of both sections' numerator gains, applied to the energy. */
  private final double energyGain;

  private final double a11;
  private final double a21;
  private final double a12;
  private final double a22;
  private int x1;
  private int x2;
  private int x3;
  private int x4;
  private double u1;
  private double u2;
  private double v1;
  private double v2;
  private long lastSign;
  private int crossings;

  HighPassFilter(double cornerHz) {
    double w0 = 2 * Math.PI * cornerHz / MuLaw.SAMPLE_RATE;
    double cos = Math.cos(w0);
    double alpha1 = Math.sin(w0) / (2 * Q1);
    double alpha2 = Math.sin(w0) / (2 * Q2);
    // A high-pass biquad's numerator is (1 + cos) / 2 * (1, -2, 1) / a0.
    double n = (1 + cos) / 2;
    double gain = n / (1 + alpha1) * (n / (1 + alpha2));
    energyGain = gain * gain;
    a11 = -2 * cos / (1 + alpha1);
    a21 = (1 - alpha1) / (1 + alpha1);
    a12 = -2 * cos / (1 + alpha2);
    a22 = (1 - alpha2) / (1 + alpha2);
  }

  /**
   * Filters a frame of μ-law and returns the sum of the squared output; {@link #crossings()} then
   * holds the output's sign changes in the frame.
   */
  double energy(byte[] buf, int off, int len) {
    double b11 = a11;
    double b21 = a21;
    double b12 = a12;
    double b22 = a22;
    int p1 = x1;
    int p2 = x2;
    int p3 = x3;
    int p4 = x4;
    double s1 = u1;
    double s2 = u2;
    double t1 = v1;
    double t2 = v2;
    long previous = lastSign;
    int changes = 0;
    double energy = 0;
    for (int i = off, end = off + len; i < end; i++) {
      int x = MuLaw.decode(buf[i]);
      // Exact: |w| <= 16 * 32124.
      int w = x + p4 - 4 * (p1 + p3) + 6 * p2;
      p4 = p3;
      p3 = p2;
      p2 = p1;
      p1 = x;
      double u = Math.fma(-b11, s1, Math.fma(-b21, s2, w));
      s2 = s1;
      s1 = u;
      double v = Math.fma(-b12, t1, Math.fma(-b22, t2, u));
      t2 = t1;
      t1 = v;
      energy += v * v;
      // Branch-free sign change count: the sign bit of the double, compared with the last one.
      long sign = Double.doubleToRawLongBits(v) >>> 63;
      changes += (int) (sign ^ previous);
      previous = sign;
    }
    x1 = p1;
    x2 = p2;
    x3 = p3;
    x4 = p4;
    u1 = Math.abs(s1) < SETTLED ? 0 : s1;
    u2 = Math.abs(s2) < SETTLED ? 0 : s2;
    v1 = Math.abs(t1) < SETTLED ? 0 : t1;
    v2 = Math.abs(t2) < SETTLED ? 0 : t2;
    lastSign = previous;
    crossings = changes;
    return energy * energyGain;
  }

  /** Sign changes of the output in the last frame (one across the frame edge counts). */
  int crossings() {
    return crossings;
  }

  void reset() {
    x1 = 0;
    x2 = 0;
    x3 = 0;
    x4 = 0;
    u1 = 0;
    u2 = 0;
    v1 = 0;
    v2 = 0;
    lastSign = 0;
    crossings = 0;
  }
}
