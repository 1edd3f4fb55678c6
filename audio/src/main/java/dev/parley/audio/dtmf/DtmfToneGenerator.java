package dev.parley.audio.dtmf;

import dev.parley.audio.codec.MuLaw;

/**
 * Writes in-band DTMF digits into the outbound μ-law stream frame by frame: each digit is a tone
 * pair for {@code toneMillis} followed by {@code gapMillis} of silence, phase-continuous across
 * frames, with 2 ms ramps so the edges do not splatter into neighbouring bins.
 *
 * <p>Per frame this class allocates nothing: digits queue in a fixed ring, oscillators are integer
 * phase accumulators over a sine table made once. One instance per call; not thread-safe.
 */
public final class DtmfToneGenerator {

  /**
   * Default tone length: twice the 40 ms receivers must accept (Q.24), so a frame lost does not
   * lose the digit.
   */
  public static final int DEFAULT_TONE_MILLIS = 100;

  /** Default pause between digits, likewise comfortably above the 40 ms minimum. */
  public static final int DEFAULT_GAP_MILLIS = 80;

  /** Default level of each tone, the usual telephony sending level. */
  public static final double DEFAULT_LEVEL_DBM0 = -10.0;

  /**
   * Peak of a 0 dBm0 sine in 16-bit linear: G.711 puts μ-law overload (32635) 3.17 dB above the
   * peak of the 0 dBm0 reference sine.
   */
  private static final double ZERO_DBM0_PEAK = 32635 * Math.pow(10, -3.17 / 20);

  private static final int TABLE_BITS = 12;
  private static final float[] SINE = new float[1 << TABLE_BITS];
  private static final int RAMP_SAMPLES = 16;
  private static final int QUEUE = 64;

  static {
    for (int i = 0; i < SINE.length; i++) {
      SINE[i] = (float) Math.sin(2 * Math.PI * i / SINE.length);
    }
  }

  private final int toneSamples;
  private final int gapSamples;
  private final double amplitude;
  private final char[] queue = new char[QUEUE];
  private int queueHead;
  private int queueSize;

  private boolean inTone;
  private boolean inGap;
  private int position;
  private int rowPhase;
  private int columnPhase;
  private int rowStep;
  private int columnStep;
  private long digitsSent;

  /**
   * Generator with {@link #DEFAULT_TONE_MILLIS}, {@link #DEFAULT_GAP_MILLIS}, {@link
   * #DEFAULT_LEVEL_DBM0}.
   */
  public DtmfToneGenerator() {
    this(DEFAULT_TONE_MILLIS, DEFAULT_GAP_MILLIS, DEFAULT_LEVEL_DBM0);
  }

  /** Generator with explicit timing (each at least 50 ms) and per-tone level in dBm0. */
  public DtmfToneGenerator(int toneMillis, int gapMillis, double levelDbm0PerTone) {
    if (toneMillis < 50 || gapMillis < 50) {
      throw new IllegalArgumentException("DTMF tone and gap must each be >= 50 ms");
    }
    if (levelDbm0PerTone > -3 || levelDbm0PerTone < -40) {
      throw new IllegalArgumentException("per-tone level must be in [-40, -3] dBm0");
    }
    this.toneSamples = toneMillis * MuLaw.SAMPLE_RATE / 1000;
    this.gapSamples = gapMillis * MuLaw.SAMPLE_RATE / 1000;
    this.amplitude = ZERO_DBM0_PEAK * Math.pow(10, levelDbm0PerTone / 20);
  }

  /** Queues one digit; false if 64 digits are already waiting. */
  public boolean enqueue(char digit) {
    if (!Dtmf.isDigit(digit)) {
      throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
    }
    if (queueSize == QUEUE) {
      return false;
    }
    queue[(queueHead + queueSize++) % QUEUE] = Character.toUpperCase(digit);
    return true;
  }

  /** Queues every digit of {@code digits} after validating them all; returns how many fit. */
  public int enqueue(CharSequence digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (!Dtmf.isDigit(digits.charAt(i))) {
        throw new IllegalArgumentException("not a DTMF digit: '" + digits.charAt(i) + "'");
      }
    }
    int accepted = 0;
    while (accepted < digits.length() && enqueue(digits.charAt(accepted))) {
      accepted++;
    }
    return accepted;
  }

  /** Whether a digit is playing, pausing after a digit, or waiting. */
  public boolean isActive() {
    return inTone || inGap || queueSize > 0;
  }

  /** Digits queued but not started. */
  public int pendingDigits() {
    return queueSize;
  }

  /** Digits whose tone has started so far. */
  public long digitsSent() {
    return digitsSent;
  }

  /** Drops queued digits and stops at once (the rest of a tone is not sent). */
  public void cancel() {
    queueSize = 0;
    inTone = false;
    inGap = false;
  }

  /**
   * Writes the next {@code len} μ-law samples (tone, pause, or silence when idle) into {@code dst}.
   */
  public void writeFrame(byte[] dst, int off, int len) {
    for (int i = 0; i < len; i++) {
      dst[off + i] = nextSample();
    }
  }

  private byte nextSample() {
    if (!inTone && !inGap) {
      if (queueSize == 0) {
        return MuLaw.SILENCE;
      }
      startDigit(queue[queueHead]);
      queueHead = (queueHead + 1) % QUEUE;
      queueSize--;
    }
    if (inGap) {
      if (++position >= gapSamples) {
        inGap = false;
      }
      return MuLaw.SILENCE;
    }
    int shift = 32 - TABLE_BITS;
    double value = SINE[rowPhase >>> shift] + SINE[columnPhase >>> shift];
    rowPhase += rowStep;
    columnPhase += columnStep;
    int remaining = toneSamples - position;
    int edge = Math.min(position + 1, remaining);
    double gain = edge < RAMP_SAMPLES ? amplitude * edge / RAMP_SAMPLES : amplitude;
    if (++position >= toneSamples) {
      inTone = false;
      inGap = true;
      position = 0;
    }
    return MuLaw.encode((int) Math.round(value * gain));
  }

  private void startDigit(char digit) {
    int key = Dtmf.keyIndex(digit);
    rowStep = phaseStep(Dtmf.ROWS[key / 4]);
    columnStep = phaseStep(Dtmf.COLUMNS[key % 4]);
    rowPhase = 0;
    columnPhase = 0;
    position = 0;
    inTone = true;
    digitsSent++;
  }

  /** Phase increment per sample for a 32-bit accumulator that wraps once per cycle. */
  private static int phaseStep(double hz) {
    return (int) Math.round(hz / MuLaw.SAMPLE_RATE * 4294967296.0);
  }
}
