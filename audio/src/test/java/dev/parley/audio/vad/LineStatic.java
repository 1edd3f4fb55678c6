package dev.parley.audio.vad;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.Silence;
import dev.parley.audio.signal.TestAudio;
import java.util.SplittableRandom;

/**
 * Seeded bursts of line static for the VAD's false-trigger checks, five kinds: white, pink,
 * band-passed to the telephone band (300-3400 Hz), high-passed (a corner drawn from 800-2500 Hz,
 * where it has the spectral tilt of a sibilant) and crackle (trains of decaying clicks). Each burst
 * has a drawn length (100-400 ms), level (-40 to -25 dBov) and attack (none, or a ramp of up to 30
 * ms, so a burst can rise like an onset). Two seeds give two independent sets: one to tune on, one
 * held out.
 */
final class LineStatic {

  /** The kind of a burst. */
  enum Kind {
    WHITE,
    PINK,
    BAND,
    HIGH,
    CRACKLE
  }

  private LineStatic() {}

  /** A 60 s line at -55 dBov pink with a burst of {@code kind} every 4-5 s (13 bursts). */
  static TestAudio line(Kind kind, long seed) {
    TestAudio.Builder b = TestAudio.builder(60_000).noise(NoiseGenerator.pink(seed, -55));
    SplittableRandom random = new SplittableRandom(seed * 31 + kind.ordinal());
    for (int at = 2_000; at < 57_500; at += 4_000 + random.nextInt(1_000)) {
      b.background(at, burst(kind, random), 0);
    }
    return b.build();
  }

  /** One burst of {@code kind}, its length, level and attack drawn from {@code random}. */
  static short[] burst(Kind kind, SplittableRandom random) {
    int n = Silence.samples(100 + random.nextInt(300));
    double dbov = -40 + random.nextDouble() * 15;
    double[] x = new double[n];
    long seed = random.nextLong();
    switch (kind) {
      case WHITE -> copy(NoiseGenerator.white(seed, -20).generate(n), x);
      case PINK -> copy(NoiseGenerator.pink(seed, -20).generate(n), x);
      case BAND -> {
        copy(NoiseGenerator.white(seed, -20).generate(n), x);
        // Fourth order each side: two sections of each.
        for (int i = 0; i < 2; i++) {
          biquad(x, false, 300);
          biquad(x, true, 3400);
        }
      }
      case HIGH -> {
        copy(NoiseGenerator.white(seed, -20).generate(n), x);
        double corner = 800 + random.nextDouble() * 1_700;
        biquad(x, false, corner);
        biquad(x, false, corner);
      }
      case CRACKLE -> {
        // 150-1000 clicks a second, each a spike of random sign and size decaying over ~0.4 ms.
        SplittableRandom r = new SplittableRandom(seed);
        double rate = (150 + r.nextInt(850)) / (double) MuLaw.SAMPLE_RATE;
        double tail = 0;
        for (int i = 0; i < n; i++) {
          if (r.nextDouble() < rate) {
            tail += (r.nextBoolean() ? 1 : -1) * (0.2 + r.nextDouble());
          }
          x[i] = tail;
          tail *= 0.6;
        }
      }
    }
    int attack = random.nextBoolean() ? 0 : Silence.samples(5 + random.nextInt(26));
    double sum = 0;
    for (double v : x) {
      sum += v * v;
    }
    double scale = sum == 0 ? 0 : Math.sqrt(MuLaw.meanSquareOf(dbov) / (sum / n));
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      double ramp = i < attack ? (double) i / attack : 1;
      out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i] * scale * ramp)));
    }
    return out;
  }

  private static void copy(short[] src, double[] dst) {
    for (int i = 0; i < dst.length; i++) {
      dst[i] = src[i];
    }
  }

  /** An RBJ Butterworth-Q biquad, low- or high-pass, in place at 8 kHz. */
  private static void biquad(double[] x, boolean lowPass, double cornerHz) {
    double w0 = 2 * Math.PI * cornerHz / MuLaw.SAMPLE_RATE;
    double cos = Math.cos(w0);
    double alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
    double a0 = 1 + alpha;
    double b0 = (lowPass ? (1 - cos) / 2 : (1 + cos) / 2) / a0;
    double b1 = (lowPass ? 1 - cos : -(1 + cos)) / a0;
    double a1 = -2 * cos / a0;
    double a2 = (1 - alpha) / a0;
    double x1 = 0;
    double x2 = 0;
    double y1 = 0;
    double y2 = 0;
    for (int i = 0; i < x.length; i++) {
      double in = x[i];
      double y = b0 * in + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = in;
      y2 = y1;
      y1 = y;
      x[i] = y;
    }
  }
}
