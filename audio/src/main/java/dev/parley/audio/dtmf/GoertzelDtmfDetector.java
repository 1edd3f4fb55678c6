package dev.parley.audio.dtmf;

import dev.parley.audio.codec.MuLaw;

/**
 * DTMF receiver for 8 kHz μ-law: Goertzel filters at the eight keypad frequencies over 160-sample
 * (20 ms) blocks, then the checks that tell a keypress from speech and noise (strongest row and
 * column each well above the rest of their group, twist within limits, the two tones carrying most
 * of the block's energy), confirmed over two consecutive blocks. A held key is reported once; it
 * can repeat only after two blocks without it (a 50 ms gap always contains them).
 *
 * <p>Blocks are counted in samples, independent of how the caller slices frames. Per frame this
 * class allocates nothing. One instance per stream; not thread-safe.
 */
public final class GoertzelDtmfDetector {

  /** Returned by {@link #process} when no new digit was recognised. */
  public static final char NONE = 0;

  /**
   * Samples per analysis block: 20 ms, a 50 Hz bin spacing that still separates 697 from 770 Hz.
   */
  static final int BLOCK = 160;

  /**
   * Weakest tone accepted, -30 dBm0 per tone: 5 dB below the -25 dBm0 Q.24 asks receivers to
   * accept, 20 dB below what {@link DtmfToneGenerator} sends.
   */
  private static final double MIN_TONE_DBM0 = -30;

  /** Peak of a 0 dBm0 sine in 16-bit linear (see {@link DtmfToneGenerator}). */
  private static final double ZERO_DBM0_PEAK = 32635 * Math.pow(10, -3.17 / 20);

  /** Strongest row (column) must beat every other row (column) by 8 dB. */
  private static final double GROUP_PEAK_RATIO = Math.pow(10, 8 / 10.0);

  /** Column weaker than row by at most 8 dB ("normal" twist), stronger by at most 4 dB. */
  private static final double NORMAL_TWIST = Math.pow(10, 8 / 10.0);

  private static final double REVERSE_TWIST = Math.pow(10, 4 / 10.0);

  /**
   * The two tones must carry this share of the block's energy; speech spreads its energy wide.
   * Measured: this check alone, or the group-peak check alone, rejects every synthesised phrase and
   * two minutes of -20 dBov noise; with neither, 6 false digits on speech and 8 in noise. At 0.6
   * keys still decode with white or pink noise 3 dB below the tone pair (0.5 would reach 0 dB, at
   * less margin against speech).
   */
  private static final double TONE_SHARE = 0.6;

  private static final double[] COEFFICIENTS = new double[8];

  static {
    for (int i = 0; i < 4; i++) {
      COEFFICIENTS[i] = 2 * Math.cos(2 * Math.PI * Dtmf.ROWS[i] / MuLaw.SAMPLE_RATE);
      COEFFICIENTS[4 + i] = 2 * Math.cos(2 * Math.PI * Dtmf.COLUMNS[i] / MuLaw.SAMPLE_RATE);
    }
  }

  private final double minTonePower;
  private final double[] s1 = new double[8];
  private final double[] s2 = new double[8];
  private final double[] power = new double[8];

  /** Sum of squared samples in the block so far (exact: at most 160 * 32124^2). */
  private long energy;

  private int inBlock;

  private char candidate = NONE;
  private char reported = NONE;
  private int blocksWithoutReported;
  private long digitsDetected;

  /** A detector with the limits above. */
  public GoertzelDtmfDetector() {
    double amplitude = ZERO_DBM0_PEAK * Math.pow(10, MIN_TONE_DBM0 / 20);
    double magnitude = amplitude * BLOCK / 2;
    this.minTonePower = magnitude * magnitude;
  }

  /**
   * Runs one frame of μ-law; returns the digit newly recognised in it (at most one per frame for 20
   * ms frames), or {@link #NONE}.
   */
  public char process(byte[] buf, int off, int len) {
    char found = NONE;
    int i = off;
    int end = off + len;
    while (i < end) {
      int run = Math.min(end - i, BLOCK - inBlock);
      filter(buf, i, run);
      i += run;
      inBlock += run;
      if (inBlock == BLOCK) {
        char digit = endBlock();
        if (digit != NONE) {
          found = digit;
        }
      }
    }
    return found;
  }

  /**
   * Runs the eight filters over samples that stay within one block. The state lives in locals for
   * the run: kept in arrays it was reloaded and stored every sample (1.2 µs a frame,
   * BENCHMARKS.md). The eight filters are independent, so a sample costs the latency of one FMA
   * rather than the multiply and two adds of {@code x + c * s1 - s2} evaluated in order (520 ns a
   * frame).
   */
  private void filter(byte[] buf, int off, int len) {
    double c0 = COEFFICIENTS[0];
    double c1 = COEFFICIENTS[1];
    double c2 = COEFFICIENTS[2];
    double c3 = COEFFICIENTS[3];
    double c4 = COEFFICIENTS[4];
    double c5 = COEFFICIENTS[5];
    double c6 = COEFFICIENTS[6];
    double c7 = COEFFICIENTS[7];
    double p0 = s1[0];
    double p1 = s1[1];
    double p2 = s1[2];
    double p3 = s1[3];
    double p4 = s1[4];
    double p5 = s1[5];
    double p6 = s1[6];
    double p7 = s1[7];
    double q0 = s2[0];
    double q1 = s2[1];
    double q2 = s2[2];
    double q3 = s2[3];
    double q4 = s2[4];
    double q5 = s2[5];
    double q6 = s2[6];
    double q7 = s2[7];
    long e = energy;
    for (int i = off, end = off + len; i < end; i++) {
      byte code = buf[i];
      double x = MuLaw.decode(code);
      e += MuLaw.energy(code);
      // s[n] = x + c * s[n-1] - s[n-2], written so that each sample waits only for one fused
      // multiply-add on s[n-1]; s[n-2] is known a sample early.
      double t;
      t = Math.fma(c0, p0, x - q0);
      q0 = p0;
      p0 = t;
      t = Math.fma(c1, p1, x - q1);
      q1 = p1;
      p1 = t;
      t = Math.fma(c2, p2, x - q2);
      q2 = p2;
      p2 = t;
      t = Math.fma(c3, p3, x - q3);
      q3 = p3;
      p3 = t;
      t = Math.fma(c4, p4, x - q4);
      q4 = p4;
      p4 = t;
      t = Math.fma(c5, p5, x - q5);
      q5 = p5;
      p5 = t;
      t = Math.fma(c6, p6, x - q6);
      q6 = p6;
      p6 = t;
      t = Math.fma(c7, p7, x - q7);
      q7 = p7;
      p7 = t;
    }
    s1[0] = p0;
    s1[1] = p1;
    s1[2] = p2;
    s1[3] = p3;
    s1[4] = p4;
    s1[5] = p5;
    s1[6] = p6;
    s1[7] = p7;
    s2[0] = q0;
    s2[1] = q1;
    s2[2] = q2;
    s2[3] = q3;
    s2[4] = q4;
    s2[5] = q5;
    s2[6] = q6;
    s2[7] = q7;
    energy = e;
  }

  /** Digits reported so far. */
  public long digitsDetected() {
    return digitsDetected;
  }

  /** Forgets all state. */
  public void reset() {
    clearBlock();
    candidate = NONE;
    reported = NONE;
    blocksWithoutReported = 0;
  }

  private char endBlock() {
    for (int k = 0; k < 8; k++) {
      power[k] = s1[k] * s1[k] + s2[k] * s2[k] - COEFFICIENTS[k] * s1[k] * s2[k];
    }
    char digit = classify();
    clearBlock();

    if (digit != reported) {
      if (++blocksWithoutReported >= 2) {
        reported = NONE;
      }
    } else {
      blocksWithoutReported = 0;
    }
    char confirmed = NONE;
    if (digit != NONE && digit == candidate && reported == NONE) {
      reported = digit;
      blocksWithoutReported = 0;
      digitsDetected++;
      confirmed = digit;
    }
    candidate = digit;
    return confirmed;
  }

  private char classify() {
    int row = strongest(0);
    int column = strongest(4);
    double rowPower = power[row];
    double columnPower = power[column];
    if (rowPower < minTonePower || columnPower < minTonePower) {
      return NONE;
    }
    if (rowPower > columnPower * NORMAL_TWIST || columnPower > rowPower * REVERSE_TWIST) {
      return NONE;
    }
    for (int k = 0; k < 4; k++) {
      if (k != row && power[k] * GROUP_PEAK_RATIO > rowPower) {
        return NONE;
      }
      if (4 + k != column && power[4 + k] * GROUP_PEAK_RATIO > columnPower) {
        return NONE;
      }
    }
    // A sine of amplitude A gives Goertzel power (A * N / 2)^2 and block energy N * A^2 / 2.
    double toneEnergy = (rowPower + columnPower) * 2 / BLOCK;
    if (toneEnergy < TONE_SHARE * energy) {
      return NONE;
    }
    return Dtmf.KEYS.charAt(row * 4 + (column - 4));
  }

  private int strongest(int from) {
    int best = from;
    for (int k = from + 1; k < from + 4; k++) {
      if (power[k] > power[best]) {
        best = k;
      }
    }
    return best;
  }

  private void clearBlock() {
    for (int k = 0; k < 8; k++) {
      s1[k] = 0;
      s2[k] = 0;
    }
    energy = 0;
    inBlock = 0;
  }
}
