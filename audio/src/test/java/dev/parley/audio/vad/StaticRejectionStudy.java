package dev.parley.audio.vad;

import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.TestAudio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the VAD's voicing check at onset fares: false triggers on each kind of {@link LineStatic}
 * (seed 1 tuned on, seed 2 held out), plain and vouched, with the periodicity and kurtosis of the
 * frames it measured; reaction to the {@link FricativePhrases} (tuning, held out); and the {@link
 * VadScenarios} totals. Argument {@code quick} leaves out the scenarios.
 */
public final class StaticRejectionStudy {
  private StaticRejectionStudy() {}

  private static final List<Double> peaks = new ArrayList<>();
  private static final List<Double> kurt = new ArrayList<>();

  static int falseTriggers(TestAudio audio, boolean vouched) {
    VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
    byte[] mu = audio.muLaw();
    int n = 0;
    long checks = -1;
    for (int off = 0; off + 160 <= mu.length; off += 160) {
      VadEvent e = vad.process(mu, off, 160, false, vouched);
      if (vad.periodicityChecks() != checks) {
        if (checks >= 0) {
          peaks.add(vad.lastPeriodicity());
          kurt.add(vad.lastKurtosis());
        }
        checks = vad.periodicityChecks();
      }
      if (e == VadEvent.SPEECH_START) {
        n++;
      }
    }
    return n;
  }

  static double[] reactions(List<String> texts, long seed, boolean vouched) {
    List<short[]> pcm = FricativePhrases.pcm(texts);
    List<Double> out = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed);
    for (short[] p : pcm) {
      for (double level : new double[] {-26, -20, -14}) {
        TestAudio t =
            TestAudio.builder(4_000)
                .noise(NoiseGenerator.pink(random.nextLong(), -62))
                .speechAtLevel(1_000 + random.nextInt(20), p, level)
                .build();
        VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
        byte[] mu = t.muLaw();
        double r = Double.NaN;
        for (int off = 0; off + 160 <= mu.length; off += 160) {
          long c = vad.periodicityChecks();
          VadEvent e = vad.process(mu, off, 160, false, vouched);
          if (vad.periodicityChecks() != c) {
            peaks.add(vad.lastPeriodicity());
            kurt.add(vad.lastKurtosis());
          }
          if (e == VadEvent.SPEECH_START) {
            r = (off + 160 - t.utterances().get(0).onsetSample()) / 8.0;
            break;
          }
        }
        out.add(r);
      }
    }
    return out.stream().mapToDouble(d -> d).toArray();
  }

  static String summary(double[] r) {
    double[] ok = Arrays.stream(r).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (ok.length == 0) {
      return "all missed";
    }
    return String.format(
        Locale.ROOT,
        "n=%d missed=%d p50=%.0f p95=%.0f max=%.0f",
        r.length,
        r.length - ok.length,
        ok[(int) Math.ceil(0.5 * ok.length) - 1],
        ok[(int) Math.ceil(0.95 * ok.length) - 1],
        ok[ok.length - 1]);
  }

  static String pct(List<Double> v) {
    double[] a = v.stream().mapToDouble(d -> d).sorted().toArray();
    if (a.length == 0) {
      return "none";
    }
    return String.format(
        Locale.ROOT,
        "n=%d min %.2f p5 %.2f p25 %.2f p50 %.2f p75 %.2f p95 %.2f max %.2f",
        a.length,
        a[0],
        a[(int) (0.05 * (a.length - 1))],
        a[(int) (0.25 * (a.length - 1))],
        a[(int) (0.5 * (a.length - 1))],
        a[(int) (0.75 * (a.length - 1))],
        a[(int) (0.95 * (a.length - 1))],
        a[a.length - 1]);
  }

  public static void main(String[] args) {
    boolean scenarios = args.length == 0 || !args[0].equals("quick");
    for (boolean vouched : new boolean[] {false, true}) {
      StringBuilder st = new StringBuilder();
      for (long seed : new long[] {1, 2}) {
        st.append(seed == 1 ? " seed 1:" : " | seed 2:");
        for (LineStatic.Kind k : LineStatic.Kind.values()) {
          peaks.clear();
          kurt.clear();
          int f = falseTriggers(LineStatic.line(k, seed), vouched);
          st.append(' ').append(k).append('=').append(f);
          if (vouched) {
            System.out.printf(
                "  peaks %s seed %d: %s%n   kurt %s%n", k, seed, pct(peaks), pct(kurt));
          }
        }
      }
      System.out.printf(Locale.ROOT, "static %s:%s%n", vouched ? "vouched" : "plain", st);
    }
    for (boolean vouched : new boolean[] {false, true}) {
      peaks.clear();
      kurt.clear();
      String tuning = summary(reactions(FricativePhrases.TUNING, 1, vouched));
      String tp = pct(peaks) + "\n   kurt " + pct(kurt);
      peaks.clear();
      kurt.clear();
      String held = summary(reactions(FricativePhrases.HELD_OUT, 2, vouched));
      System.out.printf(
          Locale.ROOT,
          "phrases %s: tuning %s | held-out %s%n  peaks tuning %s%n  peaks held-out %s%n",
          vouched ? "vouched" : "plain",
          tuning,
          held,
          tp,
          pct(peaks) + "\n   kurt " + pct(kurt));
    }
    if (!scenarios) {
      return;
    }
    for (boolean vouched : new boolean[] {false, true}) {
      int missed = 0;
      int fals = 0;
      int splits = 0;
      double lat = 0;
      int withSpeech = 0;
      StringBuilder which = new StringBuilder();
      for (VadScenarios.Scenario s : VadScenarios.all()) {
        VadScenarios.Score sc = VadScenarios.score(s, VadConfig.defaults(), vouched);
        missed += sc.missed();
        fals += sc.falseTriggers();
        splits += sc.splits();
        if (sc.utterances() > 0) {
          lat += sc.meanLatencyMs();
          withSpeech++;
        }
        if (sc.falseTriggers() > 0 || sc.missed() > 0) {
          which
              .append(s.name())
              .append(" m")
              .append(sc.missed())
              .append(" f")
              .append(sc.falseTriggers())
              .append("; ");
        }
      }
      System.out.printf(
          Locale.ROOT,
          "scenarios %s: missed %d false %d splits %d mean-of-means latency %.1f ms (%s)%n",
          vouched ? "vouched" : "plain",
          missed,
          fals,
          splits,
          lat / withSpeech,
          which);
    }
  }
}
