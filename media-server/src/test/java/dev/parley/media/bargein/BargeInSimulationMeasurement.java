package dev.parley.media.bargein;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.signal.TestAudio;
import dev.parley.media.testing.TestSpeech;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measuring tool, not a test: {@link BargeInReactionMeasurement}'s trials (same seed, texts,
 * levels, onsets, echo paths) through {@link SimulatedTwilioCall} instead of real sockets, so a
 * tuning change is judged in seconds and without the machine's load in the figures. Reaction here
 * is onset to the end of the inbound frame that confirmed speech, so it leaves out the sockets and
 * the event loop; on a quiet machine the socket tool measures the same within a few ms. Options:
 * {@code parley.stallMs} (the server stalls that long, ±50 %, every ~0.7 s) and {@code
 * parley.hybrid} (a dispersive echo path with a wandering gain instead of a delayed copy), {@code
 * parley.distorting} (the echo soft-clipped, with noise added on its way) and {@code
 * parley.canceller} (the node option that runs the echo canceller; off by default). Run:
 *
 * <pre>
 * ./mvnw -B -o -pl media-server -am test -Dtest=BargeInSimulationMeasurement -Dparley.measure=true \
 *     -Dparley.stallMs=300 -Dparley.hybrid=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "parley.measure", matches = "true")
class BargeInSimulationMeasurement {

  private static final String[] GREETINGS = {
    "Hello, this is Parley calling on behalf of Doctor Smith's office, to confirm your appointment"
        + " next Tuesday at three in the afternoon.",
    "Good morning. I am calling from the car service centre about your booking for an oil change and"
        + " a tyre rotation on Friday."
  };
  private static final String[] CALLEE = {
    "Sorry, I need to move that appointment.",
    "Wait, wait, who is this?",
    "No thanks, please take me off your list.",
    "Hold on a second."
  };

  /** The media test rig's session tuning: echo up to 400 ms. */
  private static final int MAX_ECHO_DELAY_MS = 400;

  @Test
  void measure() {
    int trials = Integer.getInteger("parley.trials", 50);
    int echoTrials = Integer.getInteger("parley.echoTrials", 200);
    int stallMs = Integer.getInteger("parley.stallMs", 0);
    boolean hybrid = Boolean.getBoolean("parley.hybrid");
    Random r = new Random(42);
    List<Double> clean = new ArrayList<>();
    List<Double> withEcho = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      int phrase = r.nextInt(CALLEE.length);
      byte[] agent = TestSpeech.speech(GREETINGS[r.nextInt(GREETINGS.length)]);
      int onset = 1000 + r.nextInt(1500);
      double rel = r.nextDouble() * 6;
      double echoDb = -6 - r.nextDouble() * 14;
      int delay = 60 + r.nextInt(191);
      double agentLevel = TestAudio.activeLevelDbov(SignalMixer.toPcm(agent));
      TestAudio callee =
          TestAudio.builder(9000)
              .noise(NoiseGenerator.pink(onset, -62))
              .speechAtLevel(
                  onset, SignalMixer.toPcm(TestSpeech.speech(CALLEE[phrase])), agentLevel + rel)
              .build();
      for (boolean echo : new boolean[] {false, true}) {
        SimulatedTwilioCall sim = call(hybrid);
        sim.run(agent, callee.pcm(), echo ? echoDb : Double.NaN, delay, 1000, stallMs, i);
        double reaction =
            sim.onsetMs() < 0
                ? Double.NaN
                : sim.detectedAtMs() - callee.utterances().get(0).onsetMillis();
        (echo ? withEcho : clean).add(reaction);
        System.out.printf(
            Locale.ROOT,
            "TRIAL reaction=%.0f ms echo=%s dB delay=%d ms callee=%+.1f dB onset=%d ms phrase=%d%n",
            reaction,
            echo ? String.format(Locale.ROOT, "%.1f", echoDb) : "none",
            delay,
            rel,
            onset,
            phrase);
      }
    }
    int falseBargeIns = 0;
    for (int i = 0; i < echoTrials; i++) {
      double echoDb = -6 - r.nextDouble() * 14;
      int delay = 60 + r.nextInt(191);
      int greeting = r.nextInt(GREETINGS.length);
      byte[] agent = TestSpeech.speech(GREETINGS[greeting]);
      TestAudio line =
          TestAudio.builder(agent.length / 8 + 1000).noise(NoiseGenerator.pink(i, -62)).build();
      SimulatedTwilioCall sim = call(hybrid);
      sim.run(agent, line.pcm(), echoDb, delay, 700 + i, stallMs, i);
      if (sim.onsetMs() >= 0) {
        falseBargeIns++;
        System.out.printf(
            Locale.ROOT,
            "FALSE onset=%d ms echo=%.6f dB delay=%d ms trial=%d greeting=%d%n",
            sim.onsetMs(),
            echoDb,
            delay,
            i,
            greeting);
      }
    }
    String conditions =
        "stalls "
            + stallMs
            + " ms, "
            + (hybrid ? "hybrid echo" : "delayed copy")
            + (Boolean.getBoolean("parley.distorting") ? ", distorting" : "");
    report("clean, " + conditions, clean);
    report("with echo, " + conditions, withEcho);
    System.out.printf(
        Locale.ROOT,
        "MEASURE simulated echo-only playback: %d false barge-ins in %d trials (%s)%n",
        falseBargeIns,
        echoTrials,
        conditions);
    assertThat(
            clean.stream().filter(d -> !d.isNaN()).count()
                + withEcho.stream().filter(d -> !d.isNaN()).count())
        .as("interruptions detected")
        .isGreaterThanOrEqualTo(Math.round(trials * 2 * 0.9));
  }

  private static SimulatedTwilioCall call(boolean hybrid) {
    SimulatedTwilioCall sim =
        new SimulatedTwilioCall(MAX_ECHO_DELAY_MS, Boolean.getBoolean("parley.canceller"));
    if (Boolean.getBoolean("parley.distorting")) {
      sim.distorting();
    }
    return hybrid ? sim.dispersive() : sim;
  }

  private static void report(String name, List<Double> reactions) {
    double[] ms = reactions.stream().filter(d -> !d.isNaN()).mapToDouble(d -> d).sorted().toArray();
    if (ms.length == 0) {
      System.out.printf("MEASURE simulated %s: no barge-in in %d trials%n", name, reactions.size());
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "MEASURE simulated barge-in reaction %s: n=%d p50=%.0f ms p95=%.0f ms max=%.0f ms"
            + " missed=%d%n",
        name,
        ms.length,
        pct(ms, 50),
        pct(ms, 95),
        ms[ms.length - 1],
        reactions.size() - ms.length);
  }

  private static double pct(double[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
