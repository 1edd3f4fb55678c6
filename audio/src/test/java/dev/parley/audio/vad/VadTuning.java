package dev.parley.audio.vad;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Sweeps one {@link VadConfig} constant at a time around the defaults over every {@link
 * VadScenarios} scenario and prints totals: the measurements behind the defaults' comments.
 */
public final class VadTuning {

  private VadTuning() {}

  /**
   * A config to score; {@code vouched}: every frame (on scenarios with the agent's audio, every
   * frame the echo gate finds clearly above our echo) is vouched for, as during playback, so the
   * fast onset acts.
   */
  private record Variant(String name, VadConfig config, boolean vouched) {
    Variant(String name, VadConfig config) {
      this(name, config, false);
    }
  }

  private static VadConfig with(UnaryOperator<Object[]> change) {
    VadConfig d = VadConfig.defaults();
    Object[] v = {
      d.thresholdDb(),
      d.onsetFrames(),
      d.hangoverFrames(),
      d.floorRiseDbPerFrame(),
      d.floorFallCoefficient(),
      d.minLevelDbov(),
      d.warmupFrames(),
      d.highPassHz(),
      d.maxZeroCrossingRate(),
      d.fastOnsetFrames(),
      d.fastOnsetDb()
    };
    v = change.apply(v);
    return new VadConfig(
        (double) v[0],
        (int) v[1],
        (int) v[2],
        (double) v[3],
        (double) v[4],
        (double) v[5],
        (int) v[6],
        (double) v[7],
        (double) v[8],
        Math.min((int) v[9], (int) v[1]),
        (double) v[10]);
  }

  private static Variant set(String name, int index, Object value) {
    return set(name, index, value, false);
  }

  private static Variant set(String name, int index, Object value, boolean vouched) {
    return new Variant(
        name + "=" + value + (vouched ? ", vouched" : ""),
        with(
            v -> {
              v[index] = value;
              return v;
            }),
        vouched);
  }

  /** Prints one line of totals per variant. */
  public static void main(String[] args) {
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("defaults", VadConfig.defaults()));
    for (double t : new double[] {6, 7.5, 9, 10.5, 12}) {
      variants.add(set("thresholdDb", 0, t));
    }
    for (int o : new int[] {1, 2, 3, 4, 5}) {
      variants.add(set("onsetFrames", 1, o));
    }
    for (int h : new int[] {10, 15, 20, 25, 35}) {
      variants.add(set("hangoverFrames", 2, h));
    }
    for (double r : new double[] {0.02, 0.05, 0.1, 0.2, 0.4}) {
      variants.add(set("floorRiseDbPerFrame", 3, r));
    }
    for (double f : new double[] {0.05, 0.1, 0.2, 0.4}) {
      variants.add(set("floorFallCoefficient", 4, f));
    }
    for (double m : new double[] {-65.0, -55.0, -45.0}) {
      variants.add(set("minLevelDbov", 5, m));
    }
    for (int w : new int[] {1, 3, 5, 10}) {
      variants.add(set("warmupFrames", 6, w));
    }
    for (double hp : new double[] {20.0, 150.0, 300.0, 500.0}) {
      variants.add(set("highPassHz", 7, hp));
    }
    for (double z : new double[] {0.3, 0.35, 0.4, 0.45, 1.0}) {
      variants.add(set("maxZeroCrossingRate", 8, z));
    }
    variants.add(new Variant("defaults, vouched", VadConfig.defaults(), true));
    for (int f : new int[] {1, 2, 3}) {
      variants.add(set("fastOnsetFrames", 9, f, true));
    }
    for (double db : new double[] {0.0, 2.0, 3.0, 6.0}) {
      variants.add(set("fastOnsetDb", 10, db, true));
    }
    List<VadScenarios.Scenario> scenarios = VadScenarios.all();
    System.out.println("| variant | missed | false triggers | splits | mean onset latency ms |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (Variant variant : variants) {
      int missed = 0;
      int falseTriggers = 0;
      int splits = 0;
      double latency = 0;
      int detected = 0;
      for (VadScenarios.Scenario scenario : scenarios) {
        VadScenarios.Score s = VadScenarios.score(scenario, variant.config(), variant.vouched());
        missed += s.missed();
        falseTriggers += s.falseTriggers();
        splits += s.splits();
        if (s.detected() > 0) {
          latency += s.meanLatencyMs() * s.detected();
          detected += s.detected();
        }
      }
      System.out.printf(
          "| %s | %d | %d | %d | %.0f |%n",
          variant.name(), missed, falseTriggers, splits, latency / detected);
    }
  }
}
