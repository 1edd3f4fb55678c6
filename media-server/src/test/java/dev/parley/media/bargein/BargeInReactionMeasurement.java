package dev.parley.media.bargein;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.signal.TestAudio;
import dev.parley.media.testing.MediaTestRig;
import dev.parley.media.testing.TestSpeech;
import dev.parley.media.testing.TwilioStreamClient;
import dev.parley.protocol.UtterancePlayed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measuring tool, not a test: runs many generated barge-in trials through real sockets in real
 * time and prints the reaction (callee's speech onset → our {@code clear} arriving at the Twilio
 * peer) at p50/p95/p99, clean and with echo, and false barge-ins on echo-only playback. Asserts
 * accuracy only (every trial reported, interruptions detected), never timing. Run with:
 *
 * <pre>
 * ./mvnw -B -pl media-server -am test -Dtest=BargeInReactionMeasurement -Dparley.measure=true \
 *     -Dparley.trials=50 -Dparley.echoTrials=200 -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>{@code parley.trials} is the number of interruptions per case (clean, with echo), {@code
 * parley.echoTrials} the number of echo-only playbacks; 200 or more make a false-barge-in rate of 1
 * % visible.
 */
@EnabledIfSystemProperty(named = "parley.measure", matches = "true")
class BargeInReactionMeasurement {

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
  private static final int TRIALS = Integer.getInteger("parley.trials", 24);
  private static final int ECHO_TRIALS = Integer.getInteger("parley.echoTrials", 24);

  /** Calls at once while reaction is timed: few, so the timing is the server's, not the load's. */
  private static final int CONCURRENT = 6;

  /** Echo-only calls at once: only whether a clear came is counted, so more may run together. */
  private static final int CONCURRENT_ECHO_ONLY = 12;

  private record Trial(
      boolean speech,
      double echoDb,
      int echoDelayMs,
      double relDb,
      int onsetAtMs,
      int phrase,
      int greeting) {}

  private record Outcome(Trial trial, boolean cleared, double reactionMs) {}

  @Test
  void measure() throws Exception {
    Random r = new Random(42);
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      int phrase = r.nextInt(CALLEE.length);
      int greeting = r.nextInt(GREETINGS.length);
      int onset = 1000 + r.nextInt(1500);
      double rel = r.nextDouble() * 6;
      trials.add(new Trial(true, Double.NaN, 0, rel, onset, phrase, greeting));
      trials.add(
          new Trial(
              true, -6 - r.nextDouble() * 14, 60 + r.nextInt(191), rel, onset, phrase, greeting));
    }
    List<Trial> echoOnlyTrials = new ArrayList<>();
    for (int i = 0; i < ECHO_TRIALS; i++) {
      echoOnlyTrials.add(
          new Trial(
              false,
              -6 - r.nextDouble() * 14,
              60 + r.nextInt(191),
              0,
              0,
              0,
              r.nextInt(GREETINGS.length)));
    }
    List<Outcome> outcomes = new ArrayList<>();
    try (MediaTestRig rig =
        MediaTestRig.start(
            c -> c.toBuilder().echoCanceller(Boolean.getBoolean("parley.canceller")).build())) {
      runAll(rig, trials, CONCURRENT, outcomes);
      runAll(rig, echoOnlyTrials, CONCURRENT_ECHO_ONLY, outcomes);
    }
    report(
        "clean",
        outcomes.stream().filter(o -> o.trial.speech && Double.isNaN(o.trial.echoDb)).toList());
    report(
        "with echo",
        outcomes.stream().filter(o -> o.trial.speech && !Double.isNaN(o.trial.echoDb)).toList());
    List<Outcome> echoOnly = outcomes.stream().filter(o -> !o.trial.speech).toList();
    outcomes.stream()
        .filter(o -> o.cleared && (!o.trial.speech || o.reactionMs < 0 || o.reactionMs > 1000))
        .forEach(o -> System.out.println("MEASURE outlier " + o));
    // One line per interruption, slowest first: where the tail comes from.
    outcomes.stream()
        .filter(o -> o.trial.speech)
        .sorted((a, b) -> Double.compare(b.reactionMs, a.reactionMs))
        .forEach(
            o ->
                System.out.printf(
                    Locale.ROOT,
                    "TRIAL reaction=%.0f ms echo=%.1f dB delay=%d ms callee=%+.1f dB onset=%d ms%n",
                    o.reactionMs,
                    o.trial.echoDb,
                    o.trial.echoDelayMs,
                    o.trial.relDb,
                    o.trial.onsetAtMs));
    System.out.printf(
        Locale.ROOT,
        "MEASURE echo-only playback: %d false barge-ins in %d trials (echo -6..-20 dB, 60..250 ms)%n",
        echoOnly.stream().filter(Outcome::cleared).count(),
        echoOnly.size());
    // Accuracy, never timing: every trial reported, and real interruptions are detected.
    assertThat(outcomes).hasSize(trials.size() + echoOnlyTrials.size());
    List<Outcome> speech = outcomes.stream().filter(o -> o.trial.speech).toList();
    assertThat(speech.stream().filter(Outcome::cleared).count())
        .as("interruptions that produced a clear")
        .isGreaterThanOrEqualTo(Math.round(speech.size() * 0.9));
  }

  private void runAll(MediaTestRig rig, List<Trial> trials, int concurrent, List<Outcome> out)
      throws Exception {
    for (int from = 0; from < trials.size(); from += concurrent) {
      out.addAll(runBatch(rig, trials.subList(from, Math.min(trials.size(), from + concurrent))));
    }
  }

  private static void report(String name, List<Outcome> outcomes) {
    double[] ms =
        outcomes.stream()
            .filter(Outcome::cleared)
            .mapToDouble(Outcome::reactionMs)
            .sorted()
            .toArray();
    long missed = outcomes.stream().filter(o -> !o.cleared).count();
    if (ms.length == 0) {
      System.out.printf("MEASURE %s: no barge-in in %d trials%n", name, outcomes.size());
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "MEASURE barge-in reaction %s: n=%d p50=%.0f ms p95=%.0f ms p99=%.0f ms min=%.0f max=%.0f"
            + " missed=%d%n",
        name,
        ms.length,
        pct(ms, 50),
        pct(ms, 95),
        pct(ms, 99),
        ms[0],
        ms[ms.length - 1],
        missed);
  }

  private static double pct(double[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private List<Outcome> runBatch(MediaTestRig rig, List<Trial> batch) throws Exception {
    List<TwilioStreamClient> clients = new ArrayList<>();
    List<UUID> calls = new ArrayList<>();
    List<TestAudio> audio = new ArrayList<>();
    try {
      for (Trial t : batch) {
        String greeting = GREETINGS[t.greeting];
        double agentLevel =
            TestAudio.activeLevelDbov(SignalMixer.toPcm(TestSpeech.speech(greeting)));
        TestAudio.Builder b = TestAudio.builder(9000).noise(NoiseGenerator.pink(t.onsetAtMs, -62));
        if (t.speech) {
          b.speechAtLevel(
              t.onsetAtMs,
              SignalMixer.toPcm(TestSpeech.speech(CALLEE[t.phrase])),
              agentLevel + t.relDb);
        }
        TestAudio a = b.build();
        UUID call = rig.newCall(greeting);
        TwilioStreamClient c = rig.stream(call);
        c.start(MediaTestRig.token(call));
        c.startMedia(a.muLaw(), t.echoDb, t.echoDelayMs);
        clients.add(c);
        calls.add(call);
        audio.add(a);
      }
      for (int i = 0; i < batch.size(); i++) {
        UUID call = calls.get(i);
        TwilioStreamClient c = clients.get(i);
        TwilioStreamClient.await(
            () ->
                c.clears() > 0
                    || rig.control.messages(UtterancePlayed.class).stream()
                        .anyMatch(u -> u.callId().equals(call) && u.complete()),
            Duration.ofSeconds(20).toMillis());
      }
      Thread.sleep(500);
      List<Outcome> out = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        Trial t = batch.get(i);
        TwilioStreamClient c = clients.get(i);
        if (c.clears() == 0) {
          out.add(new Outcome(t, false, Double.NaN));
          continue;
        }
        double reaction = Double.NaN;
        if (t.speech) {
          long onsetSample = audio.get(i).utterances().get(0).onsetSample();
          int tick = (int) (onsetSample / 160);
          // The frame holding the onset left Twilio one frame after its first sample was spoken.
          long onsetNanos = c.tickNanos(tick) - 20_000_000L + (onsetSample % 160) * 125_000L;
          reaction = (c.clearNanos().get(0) - onsetNanos) / 1e6;
        }
        out.add(new Outcome(t, true, reaction));
      }
      return out;
    } finally {
      for (TwilioStreamClient c : clients) {
        c.stop();
        c.close();
      }
    }
  }
}
