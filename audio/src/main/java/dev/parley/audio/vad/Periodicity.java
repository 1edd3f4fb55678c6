package dev.parley.audio.vad;

import dev.parley.audio.codec.MuLaw;
import java.util.Arrays;

/**
 * Voicing evidence for a frame that would confirm an onset ({@link VoiceActivityDetector}), which
 * line static lacks.
 *
 * <ul>
 *   <li>{@link #peak}: the peak normalised autocorrelation of the high-passed frame against itself
 *       2.5-16 ms earlier (pitch 62-400 Hz), reaching back into the codes before the frame. A vowel
 *       repeats at its pitch period; pink and band-passed noise do not.
 *   <li>{@link #kurtosis}: of the raw frame, set by the same call. Crackle is sparse spikes, noise
 *       is near 3 and voiced speech mostly 2-6.
 * </ul>
 *
 * <p>The high-pass (one 300 Hz Butterworth biquad) comes first because pink noise, and anything
 * with most of its power low, correlates with itself over milliseconds without any period. Measured
 * on LineStatic and FricativePhrases (StaticRejectionStudy):
 *
 * <ul>
 *   <li>on the raw signal, 12-13 of 13 pink bursts still passed a limit of 0.4-0.5;
 *   <li>pre-emphasis ({@code x[n] - 0.95 x[n-1]}) separated pink as well, but it thins out the
 *       first formant's harmonics, so speech onsets read less periodic: the clean simulated
 *       barge-in needed a limit of 0.35 for p95 139 ms, against 0.40 and 142 ms here, with a
 *       crackle burst let through on each seed;
 *   <li>a second biquad (24 dB/octave) or a 500 Hz corner changed no figure by more than 0.02.
 * </ul>
 *
 * <p>Keeps the last {@link #MAX_LAG} + 1 codes of the stream ({@link #remember}); allocates nothing
 * per frame once it has seen the longest frame.
 */
final class Periodicity {

  /** Shortest lag: 2.5 ms, a 400 Hz pitch. */
  static final int MIN_LAG = 20;

  /** Longest lag: 16 ms, a 62.5 Hz pitch. */
  static final int MAX_LAG = 128;

  /** Codes kept from before the frame: the longest lag, and one to start the filter on. */
  private static final int HISTORY = MAX_LAG + 1;

  /**
   * Samples correlated: the frame's last 160 (20 ms). 96 or 128 gave speech onsets more
   * periodicity, but static more too: at any limit that kept pink out, onsets were no quicker.
   */
  private static final int WINDOW = 160;

  private static final double CORNER_HZ = 300;

  // One RBJ high-pass biquad, Q = 1/sqrt(2), at 8 kHz.
  private static final double B0;
  private static final double B1;
  private static final double A1;
  private static final double A2;

  static {
    double w0 = 2 * Math.PI * CORNER_HZ / MuLaw.SAMPLE_RATE;
    double cos = Math.cos(w0);
    double alpha = Math.sin(w0) / Math.sqrt(2);
    double a0 = 1 + alpha;
    B0 = (1 + cos) / 2 / a0;
    B1 = -(1 + cos) / a0;
    A1 = -2 * cos / a0;
    A2 = (1 - alpha) / a0;
  }

  /** The last {@link #HISTORY} codes before the next frame, oldest first. */
  private final byte[] history = new byte[HISTORY];

  private double[] signal = new double[HISTORY + MuLaw.FRAME_SAMPLES];
  private final double[] lagEnergy = new double[MAX_LAG - MIN_LAG + 1];
  private double kurtosis;

  Periodicity() {
    reset();
  }

  /** Takes in a frame's codes as the history the next frame's lags reach back into. */
  void remember(byte[] buf, int off, int len) {
    if (len >= HISTORY) {
      System.arraycopy(buf, off + len - HISTORY, history, 0, HISTORY);
    } else {
      System.arraycopy(history, len, history, 0, HISTORY - len);
      System.arraycopy(buf, off, history, HISTORY - len, len);
    }
  }

  /**
   * The frame's peak normalised autocorrelation over lags {@link #MIN_LAG}..{@link #MAX_LAG}, 0 to
   * 1 (0 when nothing correlates positively), and its {@link #kurtosis()}. About (MAX_LAG - MIN_LAG
   * + 1) * 160 = 17,440 multiply-adds.
   */
  double peak(byte[] buf, int off, int len) {
    int n = HISTORY + len;
    if (signal.length < n) {
      signal = new double[n];
    }
    double[] y = signal;
    double s2 = 0;
    double s4 = 0;
    for (int i = 0; i < HISTORY; i++) {
      y[i] = MuLaw.decode(history[i]);
    }
    for (int i = 0; i < len; i++) {
      double x = MuLaw.decode(buf[off + i]);
      double q = x * x;
      s2 += q;
      s4 += q * q;
      y[HISTORY + i] = x;
    }
    kurtosis = s2 <= 0 ? 0 : len * s4 / (s2 * s2);
    // The filter starts at rest on the oldest code kept: 129 samples (16 ms) before the frame,
    // ten time constants of a 300 Hz pole pair, so the frame sees it settled.
    double x1 = 0;
    double x2 = 0;
    double y1 = 0;
    double y2 = 0;
    for (int i = 0; i < n; i++) {
      double in = y[i];
      double out = B0 * (in + x2) + B1 * x1 - A1 * y1 - A2 * y2;
      x2 = x1;
      x1 = in;
      y2 = y1;
      y1 = out;
      y[i] = out;
    }
    int start = Math.max(HISTORY, n - WINDOW);
    double e0 = 0;
    for (int i = start; i < n; i++) {
      e0 += y[i] * y[i];
    }
    if (e0 <= 0) {
      return 0;
    }
    // Energy of the lagged window, slid one sample back per lag.
    double[] energies = lagEnergy;
    double ek = 0;
    for (int i = start - MIN_LAG; i < n - MIN_LAG; i++) {
      ek += y[i] * y[i];
    }
    energies[0] = ek;
    for (int k = MIN_LAG + 1; k <= MAX_LAG; k++) {
      double in = y[start - k];
      double out = y[n - k];
      ek += in * in - out * out;
      energies[k - MIN_LAG] = ek;
    }
    // Four lags per pass over the window: four independent sums, so the multiply-adds do not wait
    // on each other. Thread CPU time per call (load 8-13): one lag per pass 14.1 us, four 5.3-5.5,
    // eight no better; the sums, and so the result, are the same bit for bit.
    double best = 0;
    int k = MIN_LAG;
    for (; k + 3 <= MAX_LAG; k += 4) {
      double r0 = 0;
      double r1 = 0;
      double r2 = 0;
      double r3 = 0;
      for (int i = start; i < n; i++) {
        double v = y[i];
        int j = i - k;
        r0 += v * y[j];
        r1 += v * y[j - 1];
        r2 += v * y[j - 2];
        r3 += v * y[j - 3];
      }
      best = better(best, r0, e0, energies[k - MIN_LAG]);
      best = better(best, r1, e0, energies[k + 1 - MIN_LAG]);
      best = better(best, r2, e0, energies[k + 2 - MIN_LAG]);
      best = better(best, r3, e0, energies[k + 3 - MIN_LAG]);
    }
    for (; k <= MAX_LAG; k++) {
      double r = 0;
      for (int i = start; i < n; i++) {
        r += y[i] * y[i - k];
      }
      best = better(best, r, e0, energies[k - MIN_LAG]);
    }
    return Math.sqrt(Math.min(best, 1));
  }

  /**
   * The larger of {@code best} and a lag's squared normalised correlation {@code r^2 / (e0 ek)}; a
   * negative {@code r} (anti-correlation) never counts.
   */
  private static double better(double best, double r, double e0, double ek) {
    if (r > 0 && ek > 0 && r * r > best * e0 * ek) {
      return r * r / (e0 * ek);
    }
    return best;
  }

  /**
   * Kurtosis of the raw samples of the frame last given to {@link #peak} (their mean fourth power
   * over the squared mean square); 0 for digital silence.
   */
  double kurtosis() {
    return kurtosis;
  }

  /** Forgets the stream: the history is silence. */
  void reset() {
    // The μ-law code 0xFF decodes to 0.
    Arrays.fill(history, (byte) 0xFF);
    kurtosis = 0;
  }
}
