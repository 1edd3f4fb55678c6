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

  /**
   * cos(wn) and sin(wn) for n in a block, per filter (filter k from k * BLOCK), for the dot-product
   * form on SIMD lanes ({@link DtmfBinVectors}).
   */
  private static final float[] COS = new float[8 * BLOCK];

  private static final float[] SIN = new float[8 * BLOCK];

  /** Each μ-law code's linear value as a double, so the recursion does not convert per sample. */
  private static final double[] LINEAR = new double[256];

  static {
    for (int i = 0; i < 4; i++) {
      COEFFICIENTS[i] = 2 * Math.cos(2 * Math.PI * Dtmf.ROWS[i] / MuLaw.SAMPLE_RATE);
      COEFFICIENTS[4 + i] = 2 * Math.cos(2 * Math.PI * Dtmf.COLUMNS[i] / MuLaw.SAMPLE_RATE);
    }
    for (int code = 0; code < 256; code++) {
      LINEAR[code] = MuLaw.decode((byte) code);
    }
    for (int k = 0; k < 8; k++) {
      double hz = k < 4 ? Dtmf.ROWS[k] : Dtmf.COLUMNS[k - 4];
      double w = 2 * Math.PI * hz / MuLaw.SAMPLE_RATE;
      for (int n = 0; n < BLOCK; n++) {
        COS[k * BLOCK + n] = (float) Math.cos(w * n);
        SIN[k * BLOCK + n] = (float) Math.sin(w * n);
      }
    }
  }

  private final double minTonePower;
  private final boolean rowsFirst;
  private final boolean vectorized;
  private final double[] power = new double[8];

  /** The block decoded, for the SIMD form. */
  private final float[] samples;

  /** The block so far when a frame ends inside it (frames not aligned to blocks). */
  private final byte[] block = new byte[BLOCK];

  private int inBlock;

  private char candidate = NONE;
  private char reported = NONE;
  private int blocksWithoutReported;
  private long digitsDetected;
  private long columnPasses;

  /** A detector with the limits above. */
  public GoertzelDtmfDetector() {
    this(true, MuLaw.VECTORIZED);
  }

  /**
   * {@code rowsFirst} false runs all eight filters on every block; {@code vectorized} false runs
   * the scalar recursion even where SIMD is available (tests compare them).
   */
  GoertzelDtmfDetector(boolean rowsFirst, boolean vectorized) {
    if (vectorized && !MuLaw.VECTORIZED) {
      throw new IllegalStateException("SIMD is not available in this JVM");
    }
    this.rowsFirst = rowsFirst;
    this.vectorized = vectorized;
    this.samples = vectorized ? new float[BLOCK] : null;
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
      char digit = NONE;
      if (inBlock == 0 && run == BLOCK) {
        // A whole block in the caller's frame (20 ms frames, the usual case): no copy.
        digit = endBlock(analyse(buf, i));
      } else {
        System.arraycopy(buf, i, block, inBlock, run);
        inBlock += run;
        if (inBlock == BLOCK) {
          inBlock = 0;
          digit = endBlock(analyse(block, 0));
        }
      }
      if (digit != NONE) {
        found = digit;
      }
      i += run;
    }
    return found;
  }

  /**
   * Classifies one block. The four row filters run first; only when the strongest row could still
   * be half of a keypress do the column filters run. The check is exact: a block it stops would
   * fail {@link #classify} whatever the columns held, because the row must clear the minimum level
   * and beat the other rows, and the column can carry at most {@link #REVERSE_TWIST} times the
   * row's power towards the tones' share of the block's energy. Speech and noise rarely put a sixth
   * of a block's energy into one row bin, so most loud frames cost four filters, not eight.
   */
  private char analyse(byte[] buf, int off) {
    if (vectorized) {
      MuLaw.decode(buf, off, BLOCK, samples, 0);
      DtmfBinVectors.powers(samples, COS, SIN, 0, power);
    } else {
      goertzel(buf, off, 0);
    }
    if (!rowsFirst) {
      columns(buf, off);
      return classify(MuLaw.energy(buf, off, BLOCK));
    }
    int row = strongest(0);
    double rowPower = power[row];
    if (rowPower < minTonePower) {
      return NONE;
    }
    for (int k = 0; k < 4; k++) {
      if (k != row && power[k] * GROUP_PEAK_RATIO > rowPower) {
        return NONE;
      }
    }
    // The block's energy only now: speech and noise rarely get this far.
    long energy = MuLaw.energy(buf, off, BLOCK);
    // The margin keeps the shortcut on the safe side of rounding.
    double mostToneEnergy = rowPower * (1 + REVERSE_TWIST) * 2 / BLOCK * (1 + 1e-9);
    if (mostToneEnergy < TONE_SHARE * energy) {
      return NONE;
    }
    columns(buf, off);
    return classify(energy);
  }

  private void columns(byte[] buf, int off) {
    columnPasses++;
    if (vectorized) {
      DtmfBinVectors.powers(samples, COS, SIN, 4, power);
    } else {
      goertzel(buf, off, 4);
    }
  }

  /**
   * Runs four of the eight filters ({@code first} 0: rows, 4: columns) over a block and stores
   * their powers in {@link #power}. The state lives in locals: kept in arrays it was reloaded and
   * stored every sample (1.2 µs a frame, BENCHMARKS.md). Each step is written so that a sample
   * waits only for one fused multiply-add on s[n-1] ({@code x + c * s1 - s2} evaluated in order
   * waited for a multiply and two adds: 520 ns a frame for all eight).
   */
  private void goertzel(byte[] buf, int off, int first) {
    double c0 = COEFFICIENTS[first];
    double c1 = COEFFICIENTS[first + 1];
    double c2 = COEFFICIENTS[first + 2];
    double c3 = COEFFICIENTS[first + 3];
    double p0 = 0;
    double p1 = 0;
    double p2 = 0;
    double p3 = 0;
    double q0 = 0;
    double q1 = 0;
    double q2 = 0;
    double q3 = 0;
    for (int i = off, end = off + BLOCK; i < end; i++) {
      double x = LINEAR[buf[i] & 0xFF];
      // s[n] = x + c * s[n-1] - s[n-2]; s[n-2] is known a sample early.
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
    }
    power[first] = p0 * p0 + q0 * q0 - c0 * p0 * q0;
    power[first + 1] = p1 * p1 + q1 * q1 - c1 * p1 * q1;
    power[first + 2] = p2 * p2 + q2 * q2 - c2 * p2 * q2;
    power[first + 3] = p3 * p3 + q3 * q3 - c3 * p3 * q3;
  }

  /** Digits reported so far. */
  public long digitsDetected() {
    return digitsDetected;
  }

  /** Blocks that needed the column filters (the rest were settled by the rows alone). */
  public long columnPasses() {
    return columnPasses;
  }

  /** Power of filter {@code k} (0-3 rows, 4-7 columns) in the last block that computed it. */
  double power(int k) {
    return power[k];
  }

  /** Forgets all state. */
  public void reset() {
    inBlock = 0;
    candidate = NONE;
    reported = NONE;
    blocksWithoutReported = 0;
  }

  /** Debounces the block's classification: a digit counts once, after two blocks agree. */
  private char endBlock(char digit) {
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

  private char classify(long energy) {
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
}
