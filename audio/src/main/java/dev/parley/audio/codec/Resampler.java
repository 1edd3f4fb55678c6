package dev.parley.audio.codec;

/**
 * Streaming rational-ratio resampler for 16-bit PCM (16 kHz → 8 kHz for the TTS path, any other
 * pair of integer rates too): polyphase windowed-sinc (Blackman) interpolation whose cut-off sits
 * at 90% of the lower Nyquist rate, so downsampling low-passes first and does not alias.
 *
 * <p>Allocates nothing per call after construction; one instance per stream, not thread-safe.
 */
public final class Resampler {

  /** Kernel half-width in samples at the lower of the two rates. */
  private static final int HALF_WIDTH_AT_LOW_RATE = 16;

  private static final int CHUNK = 4096;

  private final int up;
  private final int down;
  private final int halfWidth;
  private final float[][] phases;
  private final float[] window;
  private final short[] zeros;

  /** Absolute input index of {@code window[0]}. */
  private long windowStart;

  /** Samples held in {@code window}. */
  private int held;

  /** Input sample at or just before the next output instant. */
  private long nextInput;

  /** The next output instant's fraction past {@code nextInput}, in units of 1/up. */
  private int phase;

  /** A resampler from {@code inputRate} Hz to {@code outputRate} Hz. */
  public Resampler(int inputRate, int outputRate) {
    if (inputRate <= 0 || outputRate <= 0) {
      throw new IllegalArgumentException("rates must be positive");
    }
    int gcd = gcd(inputRate, outputRate);
    this.up = outputRate / gcd;
    this.down = inputRate / gcd;
    if (up > 1024) {
      throw new IllegalArgumentException(
          "rate ratio " + up + "/" + down + " needs too many phases");
    }
    // Cut-off in cycles per input sample, and the kernel's reach in input samples.
    double scale = Math.min(1.0, (double) up / down);
    double cutoff = 0.5 * scale * 0.9;
    this.halfWidth = (int) Math.ceil(HALF_WIDTH_AT_LOW_RATE / scale);
    this.phases = new float[up][2 * halfWidth];
    for (int p = 0; p < up; p++) {
      double frac = (double) p / up;
      for (int k = 0; k < 2 * halfWidth; k++) {
        // Tap k multiplies input sample (ipos - halfWidth + 1 + k); tau is its distance from the
        // output instant.
        double tau = frac - (k - halfWidth + 1);
        phases[p][k] = (float) (2 * cutoff * sinc(2 * cutoff * tau) * blackman(tau, halfWidth));
      }
    }
    this.window = new float[CHUNK + 2 * halfWidth + 1];
    this.zeros = new short[halfWidth + 1];
    reset();
  }

  /** Forgets buffered input, as for a new stream. */
  public void reset() {
    // The stream is preceded by silence so the first outputs have a full kernel.
    windowStart = -halfWidth;
    held = halfWidth;
    java.util.Arrays.fill(window, 0f);
    nextInput = 0;
    phase = 0;
  }

  /** Upper bound on the samples one {@link #process} call of {@code inputSamples} can write. */
  public int maxOutput(int inputSamples) {
    return (int) (((long) inputSamples + 2L * halfWidth + 1) * up / down) + 2;
  }

  /**
   * Resamples {@code len} input samples; writes what they complete to {@code out} (room for {@link
   * #maxOutput(int)} samples needed) and returns the number written.
   */
  public int process(short[] in, int off, int len, short[] out, int outOff) {
    int written = 0;
    int consumed = 0;
    while (consumed < len) {
      int take = Math.min(len - consumed, window.length - held);
      for (int i = 0; i < take; i++) {
        window[held + i] = in[off + consumed + i];
      }
      held += take;
      consumed += take;
      written += drain(out, outOff + written, windowStart + held);
      compact();
    }
    return written;
  }

  /** Pushes the tail of the stream out by feeding the kernel's half-width of silence. */
  public int flush(short[] out, int outOff) {
    return process(zeros, 0, zeros.length, out, outOff);
  }

  /** Resamples a whole signal at once (tests and offline paths). */
  public static short[] resample(short[] in, int inputRate, int outputRate) {
    Resampler r = new Resampler(inputRate, outputRate);
    short[] out = new short[r.maxOutput(in.length) + r.maxOutput(r.halfWidth + 1)];
    int n = r.process(in, 0, in.length, out, 0);
    n += r.flush(out, n);
    int expected = (int) ((long) in.length * r.up / r.down);
    return java.util.Arrays.copyOf(out, Math.min(n, expected));
  }

  /** Computes every output whose kernel lies within the input received so far. */
  private int drain(short[] out, int outOff, long inputEnd) {
    int n = 0;
    while (nextInput + halfWidth < inputEnd) {
      float[] taps = phases[phase];
      int base = (int) (nextInput - halfWidth + 1 - windowStart);
      // Four partial sums: one running sum would serialise every tap on the adder's latency.
      float a0 = 0;
      float a1 = 0;
      float a2 = 0;
      float a3 = 0;
      int k = 0;
      for (int last = taps.length - 3; k < last; k += 4) {
        a0 += taps[k] * window[base + k];
        a1 += taps[k + 1] * window[base + k + 1];
        a2 += taps[k + 2] * window[base + k + 2];
        a3 += taps[k + 3] * window[base + k + 3];
      }
      for (; k < taps.length; k++) {
        a0 += taps[k] * window[base + k];
      }
      long rounded = Math.round((a0 + a1) + (a2 + a3));
      out[outOff + n++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
      // Advance the output instant by down/up input samples without dividing.
      phase += down;
      while (phase >= up) {
        phase -= up;
        nextInput++;
      }
    }
    return n;
  }

  /** Drops input no future output needs. */
  private void compact() {
    long keepFrom = nextInput - halfWidth + 1;
    int drop = (int) Math.max(0, Math.min(held, keepFrom - windowStart));
    if (drop > 0) {
      System.arraycopy(window, drop, window, 0, held - drop);
      held -= drop;
      windowStart += drop;
    }
  }

  private static double sinc(double x) {
    if (x == 0) {
      return 1;
    }
    double px = Math.PI * x;
    return Math.sin(px) / px;
  }

  private static double blackman(double tau, int halfWidth) {
    double x = (tau + halfWidth) / (2.0 * halfWidth);
    if (x <= 0 || x >= 1) {
      return 0;
    }
    return 0.42 - 0.5 * Math.cos(2 * Math.PI * x) + 0.08 * Math.cos(4 * Math.PI * x);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
