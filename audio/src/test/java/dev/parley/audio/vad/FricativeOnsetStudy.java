package dev.parley.audio.vad;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.TestAudio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The evidence behind the VAD's treatment of hiss: per-frame features of the frames the zero-
 * crossing check calls hiss (above the voicing threshold, crossing rate over the limit) at the
 * onsets of fricative-initial phrases, against the same frames in bursts of line static ({@link
 * LineStatic}). Tuning phrases and seeds, then held-out ones. Prints percentiles per feature and
 * class.
 */
public final class FricativeOnsetStudy {

  private FricativeOnsetStudy() {}

  /**
   * The features of one hiss frame: crossing rate, normalised autocorrelation at lags 1 and 2, the
   * prediction gain of an order-2 linear predictor from them (white noise: 0 dB), the rise of the
   * level (above 300 Hz) over the frame before, the level over the noise floor, and the frame's
   * index from the utterance's onset (-1 in static).
   */
  record Frame(
      double zcr,
      double rho1,
      double rho2,
      double gainDb,
      double riseDb,
      double levelOverFloorDb,
      int index) {}

  /**
   * Features of every hiss frame in {@code audio}; with {@code onsetsOnly}, only those of the first
   * 160 ms of an utterance.
   */
  static List<Frame> hissFrames(TestAudio audio, boolean onsetsOnly) {
    VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
    VadConfig c = VadConfig.defaults();
    byte[] mu = audio.muLaw();
    short[] pcm = audio.pcm();
    List<Frame> out = new ArrayList<>();
    double previous = -100;
    int frame = MuLaw.FRAME_SAMPLES;
    for (int off = 0; off + frame <= mu.length; off += frame) {
      double floorBefore = vad.noiseFloorDbov();
      vad.process(mu, off, frame);
      double level = vad.lastFrameLevelDbov();
      int crossings = 0;
      for (int i = off + 1; i < off + frame; i++) {
        crossings += ((mu[i] ^ mu[i - 1]) >>> 7) & 1;
      }
      double zcr = (crossings + (off > 0 ? ((mu[off] ^ mu[off - 1]) >>> 7) & 1 : 0)) / 160.0;
      boolean above = level > floorBefore + c.thresholdDb() && level > c.minLevelDbov();
      int index = -1;
      if (onsetsOnly) {
        for (TestAudio.Utterance u : audio.utterances()) {
          long d = off - u.onsetSample() + frame;
          if (d >= 0 && d < 8 * frame) {
            index = (int) (d / frame);
          }
        }
      }
      if (above && zcr > c.maxZeroCrossingRate() && (!onsetsOnly || index >= 0)) {
        double[] r = autocorrelation(pcm, off, frame);
        double rho1 = r[1] / r[0];
        double rho2 = r[2] / r[0];
        double a2 = (rho2 - rho1 * rho1) / (1 - rho1 * rho1);
        double residual = (1 - rho1 * rho1) * (1 - a2 * a2);
        out.add(
            new Frame(
                zcr,
                rho1,
                rho2,
                -10 * Math.log10(residual),
                level - previous,
                level - floorBefore,
                index));
      }
      previous = level;
    }
    return out;
  }

  private static double[] autocorrelation(short[] x, int off, int len) {
    double r0 = 0;
    double r1 = 0;
    double r2 = 0;
    for (int i = off; i < off + len; i++) {
      double v = x[i];
      r0 += v * v;
      if (i > 0) {
        r1 += v * x[i - 1];
      }
      if (i > 1) {
        r2 += v * x[i - 2];
      }
    }
    return new double[] {Math.max(r0, 1), r1, r2};
  }

  /** Fricative-initial phrases at the simulation's levels on its -62 dBov line. */
  static List<Frame> speech(List<String> texts, long seed) {
    List<short[]> phrases = FricativePhrases.pcm(texts);
    List<Frame> out = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < phrases.size(); i++) {
      for (int level = 0; level < 3; level++) {
        TestAudio t =
            TestAudio.builder(4_000)
                .noise(NoiseGenerator.pink(seed + i, -62))
                .speechAtLevel(1_000 + random.nextInt(160) / 8, phrases.get(i), -26 + 6 * level)
                .build();
        out.addAll(hissFrames(t, true));
      }
    }
    return out;
  }

  private static void print(String name, List<Frame> frames) {
    System.out.printf(Locale.ROOT, "%s: %d hiss frames%n", name, frames.size());
    String[] names = {"zcr", "rho1", "rho2", "lpc2 gain dB", "rise dB", "over floor dB"};
    for (int f = 0; f < names.length; f++) {
      double[] v = new double[frames.size()];
      for (int i = 0; i < v.length; i++) {
        Frame fr = frames.get(i);
        v[i] =
            switch (f) {
              case 0 -> fr.zcr();
              case 1 -> fr.rho1();
              case 2 -> fr.rho2();
              case 3 -> fr.gainDb();
              case 4 -> fr.riseDb();
              default -> fr.levelOverFloorDb();
            };
      }
      Arrays.sort(v);
      if (v.length == 0) {
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "  %-14s min %6.2f p5 %6.2f p25 %6.2f p50 %6.2f p75 %6.2f p95 %6.2f max %6.2f%n",
          names[f],
          v[0],
          v[(int) (0.05 * (v.length - 1))],
          v[(int) (0.25 * (v.length - 1))],
          v[(int) (0.5 * (v.length - 1))],
          v[(int) (0.75 * (v.length - 1))],
          v[(int) (0.95 * (v.length - 1))],
          v[v.length - 1]);
    }
  }

  /** Speech confirmations by the default VAD on a line of {@code kind} static, plain or vouched. */
  static int falseTriggers(TestAudio audio, boolean vouched) {
    VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
    byte[] mu = audio.muLaw();
    int n = 0;
    for (int off = 0; off + MuLaw.FRAME_SAMPLES <= mu.length; off += MuLaw.FRAME_SAMPLES) {
      if (vad.process(mu, off, MuLaw.FRAME_SAMPLES, false, vouched) == VadEvent.SPEECH_START) {
        n++;
      }
    }
    return n;
  }

  /**
   * Prints the features' percentiles (speech: tuning, held out; then each kind of static) and how
   * many of each kind's bursts the VAD as it is takes for speech.
   */
  public static void main(String[] args) {
    print("speech, tuning phrases", speech(FricativePhrases.TUNING, 1));
    print("speech, held-out phrases", speech(FricativePhrases.HELD_OUT, 2));
    for (LineStatic.Kind kind : LineStatic.Kind.values()) {
      List<Frame> tuning = hissFrames(LineStatic.line(kind, 1), false);
      List<Frame> heldOut = hissFrames(LineStatic.line(kind, 2), false);
      print("static " + kind + ", tuning seed", tuning);
      print("static " + kind + ", held-out seed", heldOut);
    }
    for (LineStatic.Kind kind : LineStatic.Kind.values()) {
      System.out.printf(
          Locale.ROOT,
          "VAD false triggers on 13 %s bursts, seeds 1 / 2: plain %d / %d, vouched %d / %d%n",
          kind,
          falseTriggers(LineStatic.line(kind, 1), false),
          falseTriggers(LineStatic.line(kind, 2), false),
          falseTriggers(LineStatic.line(kind, 1), true),
          falseTriggers(LineStatic.line(kind, 2), true));
    }
  }
}
