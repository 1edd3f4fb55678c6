package dev.parley.audio.vad;

import dev.parley.audio.codec.MuLaw;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The VAD's frame measurements: energy above a corner frequency and the zero-crossing count.
 *
 * <p>Energy: a fourth-order Butterworth high-pass (two RBJ biquads in series) run on every other
 * sample, at 4 kHz. Mains hum and most of the power of pink and traffic noise sit below the
 * telephone band's 300 Hz edge, where speech carries little of what makes it speech; measuring
 * energy after this filter raises the effective SNR. Taking every other sample without an
 * anti-alias filter folds 2-4 kHz onto 0-2 kHz: that energy is still counted (the fold of 3.7-4 kHz
 * lands under the corner and is removed). Crossings: sign changes of the raw μ-law codes at the
 * full 8 kHz (the code's top bit is the sign), so hiss and static still show their high rate.
 * Against the full-rate filter with crossings after it, VadAccuracyTest kept every miss and false
 * trigger count, had one split fewer and 2-8 ms less mean onset latency on three scenarios
 * (BENCHMARKS.md), and the filter costs half.
 *
 * <p>The filter is the textbook cascade rearranged: both sections' numerators are a gain times (1,
 * -2, 1), so the zeros together are a gain times the fourth difference (1, -4, 6, -4, 1), taken
 * exactly on the decoded integers; the gain is applied once to the energy. What remains per sample
 * are the two sections' poles, each {@code u = w - a2*u[n-2] - a1*u[n-1]} as two fused
 * multiply-adds, so a sample waits for one FMA per section (the two sections overlap); the
 * transposed cascade this replaces waited for a multiply and three adds per section at every sample
 * (640 ns a frame, BENCHMARKS.md).
 *
 * <p>The crossings are counted in a pass of their own, eight codes per step ({@link
 * #countCrossings}). Counted per sample inside the filter loop, as before, they cost about 50 of
 * the VAD's 217 CPU ns a frame (with no count at all it took 165); this way about 30:
 * AudioPipelineBenchmark.vadFrame 217-219 -> 194-199 ns (CpuTimePerOp, three alternating runs, load
 * 9-11). A per-byte pass of its own took 266: the JIT does not vectorise it. Energy and count are
 * the same bit for bit.
 *
 * <p>Allocates nothing; state is per stream.
 */
final class HighPassFilter {

  /** Butterworth pole-pair Q values for a 4th-order filter split into two biquads. */
  private static final double Q1 = 0.54119610;

  private static final double Q2 = 1.30656296;

  /** Rate the filter runs at: every other sample. */
  static final double FILTER_RATE = MuLaw.SAMPLE_RATE / 2.0;

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

  /**
   * Eight μ-law codes read as one long (plain reads may be misaligned); any byte order would do,
   * since both words compared are read the same way.
   */
  private static final VarHandle EIGHT_CODES =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  /** The sign bit of each of eight codes. */
  private static final long SIGN_BITS = 0x8080808080808080L;

  /** Whether the next sample is an odd one (not filtered): frames of odd length shift the phase. */
  private boolean oddNext;

  /** Sign of the last sample, 1 for positive (a μ-law code's top bit): streams start positive. */
  private int lastSign = 1;

  private int crossings;

  HighPassFilter(double cornerHz) {
    double w0 = 2 * Math.PI * cornerHz / FILTER_RATE;
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
   * Measures a frame of μ-law: returns the filtered energy, scaled to the frame's length (the sum
   * of squares over the filtered samples times {@code len} over their number), so that dividing by
   * {@code len} gives the mean square; {@link #crossings()} then holds the frame's sign changes.
   */
  double energy(byte[] buf, int off, int len) {
    if (len <= 0) {
      // Nothing to measure, and the stream's even/odd phase stays where it was.
      crossings = 0;
      return 0;
    }
    int end = off + len;
    crossings = countCrossings(buf, off, end);
    int i = oddNext ? off + 1 : off;
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
    double energy = 0;
    int filtered = 0;
    for (; i < end; i += 2) {
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
      filtered++;
    }
    // The loop ends past the frame when it filtered the last sample (an odd count of samples from
    // the first filtered one): the next frame then starts on an odd sample.
    oddNext = i > end;
    x1 = p1;
    x2 = p2;
    x3 = p3;
    x4 = p4;
    u1 = Math.abs(s1) < SETTLED ? 0 : s1;
    u2 = Math.abs(s2) < SETTLED ? 0 : s2;
    v1 = Math.abs(t1) < SETTLED ? 0 : t1;
    v2 = Math.abs(t2) < SETTLED ? 0 : t2;
    return filtered == 0 ? 0 : energy * energyGain * len / filtered;
  }

  /**
   * Sign changes from the last sample before {@code off} through {@code end - 1}: the first code
   * against the last sign, then eight codes at a time against the eight codes one byte before them
   * (two overlapping reads, their sign bits compared and counted by one popcount), the rest one by
   * one.
   */
  private int countCrossings(byte[] buf, int off, int end) {
    int changes = ((buf[off] >>> 7) & 1) ^ lastSign;
    int i = off + 1;
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      long signs = (long) EIGHT_CODES.get(buf, i);
      long before = (long) EIGHT_CODES.get(buf, i - 1);
      changes += Long.bitCount((signs ^ before) & SIGN_BITS);
    }
    for (; i < end; i++) {
      changes += ((buf[i] ^ buf[i - 1]) >>> 7) & 1;
    }
    lastSign = (buf[end - 1] >>> 7) & 1;
    return changes;
  }

  /** Sign changes of the frame's samples (one across the frame edge counts). */
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
    oddNext = false;
    lastSign = 1;
    crossings = 0;
  }
}
