package dev.parley.audio.signal;

import dev.parley.audio.codec.MuLaw;
import java.util.SplittableRandom;

/**
 * Seeded, reproducible test noise at a calibrated RMS level (dBov): white, pink (-3 dB/octave, Paul
 * Kellet's refined filter over white noise) or mains hum (fundamental plus odd harmonics).
 *
 * <p>Streaming: {@link #addTo} continues where the last call stopped and allocates nothing, so the
 * emulator can generate line noise frame by frame. Not thread-safe.
 */
public final class NoiseGenerator {

  /** The colour of the noise. */
  public enum Kind {
    WHITE,
    PINK,
    HUM
  }

  private final Kind kind;
  private final long seed;
  private final double humHz;
  private final double scale;
  private SplittableRandom random;
  private double b0;
  private double b1;
  private double b2;
  private double b3;
  private double b4;
  private double b5;
  private double b6;
  private long n;

  private NoiseGenerator(Kind kind, long seed, double humHz, double levelDbov) {
    this.kind = kind;
    this.seed = seed;
    this.humHz = humHz;
    // Calibrate on a throwaway copy so the stream itself starts at sample 0.
    double unitRms = unitRms(kind, seed, humHz);
    this.scale = Math.sqrt(MuLaw.meanSquareOf(levelDbov)) / unitRms;
    reset();
  }

  /** White Gaussian noise at {@code levelDbov}. */
  public static NoiseGenerator white(long seed, double levelDbov) {
    return new NoiseGenerator(Kind.WHITE, seed, 0, levelDbov);
  }

  /** Pink noise at {@code levelDbov}. */
  public static NoiseGenerator pink(long seed, double levelDbov) {
    return new NoiseGenerator(Kind.PINK, seed, 0, levelDbov);
  }

  /** Mains hum at {@code hz} (50 or 60) with its 3rd and 5th harmonics, at {@code levelDbov}. */
  public static NoiseGenerator hum(double hz, double levelDbov) {
    return new NoiseGenerator(Kind.HUM, 0, hz, levelDbov);
  }

  /** Restarts the sequence from its first sample. */
  public void reset() {
    random = new SplittableRandom(seed);
    b0 = b1 = b2 = b3 = b4 = b5 = b6 = 0;
    n = 0;
  }

  /** Adds the next {@code len} noise samples to {@code pcm}, saturating at the 16-bit range. */
  public void addTo(short[] pcm, int off, int len) {
    for (int i = off; i < off + len; i++) {
      pcm[i] = saturate(pcm[i] + next() * scale);
    }
  }

  /** The next {@code samples} of noise alone. */
  public short[] generate(int samples) {
    short[] out = new short[samples];
    addTo(out, 0, samples);
    return out;
  }

  /** Writes the next {@code len} samples of noise alone as μ-law (no allocation). */
  public void writeMuLaw(byte[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      buf[i] = MuLaw.encode(saturate(next() * scale));
    }
  }

  private double next() {
    switch (kind) {
      case WHITE:
        return random.nextGaussian();
      case PINK:
        {
          double white = random.nextGaussian();
          b0 = 0.99886 * b0 + white * 0.0555179;
          b1 = 0.99332 * b1 + white * 0.0750759;
          b2 = 0.96900 * b2 + white * 0.1538520;
          b3 = 0.86650 * b3 + white * 0.3104856;
          b4 = 0.55000 * b4 + white * 0.5329522;
          b5 = -0.7616 * b5 - white * 0.0168980;
          double pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
          b6 = white * 0.115926;
          return pink;
        }
      default:
        {
          double t = 2 * Math.PI * humHz * n++ / MuLaw.SAMPLE_RATE;
          return Math.sin(t) + 0.5 * Math.sin(3 * t) + 0.25 * Math.sin(5 * t);
        }
    }
  }

  private static double unitRms(Kind kind, long seed, double humHz) {
    NoiseGenerator probe = new NoiseGenerator(kind, seed, humHz);
    double sum = 0;
    int samples = MuLaw.SAMPLE_RATE * 4;
    for (int i = 0; i < samples; i++) {
      double v = probe.next();
      sum += v * v;
    }
    return Math.sqrt(sum / samples);
  }

  /** Unscaled probe used only for calibration. */
  private NoiseGenerator(Kind kind, long seed, double humHz) {
    this.kind = kind;
    this.seed = seed;
    this.humHz = humHz;
    this.scale = 1;
    reset();
  }

  static short saturate(double v) {
    long r = Math.round(v);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
  }
}
