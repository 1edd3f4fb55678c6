package dev.parley.audio.vad;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.echo.EchoGate;
import dev.parley.audio.echo.EchoGateConfig;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.Silence;
import dev.parley.audio.signal.TestAudio;
import dev.parley.audio.testing.SpeechCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated VAD scenarios with known truth, and the scoring of a detector against them: onset
 * latency, misses and false triggers. {@link #main} prints the table for BENCHMARKS.md.
 */
public final class VadScenarios {

  /** Active level of the callee's speech: a normal telephone talker. */
  static final double TALKER_DBOV = -20;

  /**
   * A scenario: the inbound audio and, when the agent talks, its outbound audio (played from sample
   * 0).
   */
  record Scenario(String name, TestAudio inbound, byte[] outbound) {}

  /** Scores of one scenario. */
  record Score(
      String name,
      double seconds,
      int utterances,
      int detected,
      int missed,
      int falseTriggers,
      int splits,
      double meanLatencyMs,
      double maxLatencyMs,
      double meanOnsetErrorMs,
      double meanAbsOnsetErrorMs) {}

  private static final boolean DEBUG = Boolean.getBoolean("vad.debug");

  private VadScenarios() {}

  /** Ten callee utterances at irregular, seeded times over 50 s, at {@code dbov}, plus noise. */
  static TestAudio utterances(long seed, double dbov, NoiseGenerator noise) {
    TestAudio.Builder b = calleeOver(seed, dbov);
    if (noise != null) {
      b.noise(noise);
    }
    return b.build();
  }

  /** The agent's phrases back to back with short pauses, as μ-law played from sample 0. */
  static byte[] agentTalking(int millis) {
    short[] out = Silence.pcm(millis);
    int at = 0;
    int i = 0;
    List<short[]> phrases = SpeechCorpus.agent();
    while (at < out.length) {
      short[] phrase = phrases.get(i++ % phrases.size());
      System.arraycopy(phrase, 0, out, at, Math.min(phrase.length, out.length - at));
      at += phrase.length + Silence.samples(400);
    }
    byte[] mu = new byte[out.length];
    MuLaw.encode(out, 0, out.length, mu, 0);
    return mu;
  }

  /** Every scenario of the report. */
  static List<Scenario> all() {
    List<Scenario> s = new ArrayList<>();
    s.add(new Scenario("speech, clean line", utterances(1, TALKER_DBOV, null), null));
    s.add(new Scenario("speech, quiet talker -35 dBov", utterances(2, -35, null), null));
    for (int snr : new int[] {30, 20, 10, 5}) {
      s.add(
          new Scenario(
              "speech + pink noise SNR " + snr + " dB",
              utterances(10 + snr, TALKER_DBOV, NoiseGenerator.pink(snr, TALKER_DBOV - snr)),
              null));
    }
    s.add(
        new Scenario(
            "speech + white noise SNR 15 dB",
            utterances(3, TALKER_DBOV, NoiseGenerator.white(3, TALKER_DBOV - 15)),
            null));
    s.add(
        new Scenario(
            "speech + 50 Hz hum SNR 10 dB",
            utterances(4, TALKER_DBOV, NoiseGenerator.hum(50, TALKER_DBOV - 10)),
            null));
    s.add(
        new Scenario(
            "pink noise only -40 dBov, 60 s", noiseOnly(NoiseGenerator.pink(5, -40)), null));
    s.add(
        new Scenario(
            "white noise only -45 dBov, 60 s", noiseOnly(NoiseGenerator.white(6, -45)), null));
    s.add(
        new Scenario(
            "60 Hz hum only -30 dBov, 60 s", noiseOnly(NoiseGenerator.hum(60, -30)), null));
    s.add(new Scenario("pink noise stepping -55 to -35 dBov, 60 s", noiseStep(), null));
    for (int erl : new int[] {6, 12, 20}) {
      for (int delay : new int[] {60, 250}) {
        byte[] agent = agentTalking(40_000);
        s.add(
            new Scenario(
                "echo only -" + erl + " dB " + delay + " ms, gated",
                delayed(agent, erl, delay),
                agent));
      }
    }
    for (int erl : new int[] {6, 12, 20}) {
      byte[] agent = agentTalking(50_000);
      TestAudio.Builder b = calleeOver(5, TALKER_DBOV);
      b.background(150, toPcm(agent), -erl).noise(NoiseGenerator.pink(erl, -55));
      s.add(new Scenario("callee over echo -" + erl + " dB 150 ms, gated", b.build(), agent));
    }
    s.add(
        new Scenario(
            "static bursts (white, 200-400 ms) on a -55 dBov line, 60 s", staticBursts(), null));
    s.add(new Scenario("clicks (5 ms, -20 dBov) on a -55 dBov line, 60 s", clicks(), null));
    return s;
  }

  private static TestAudio clicks() {
    TestAudio.Builder b = TestAudio.builder(60_000).noise(NoiseGenerator.pink(10, -55));
    SplittableRandom random = new SplittableRandom(10);
    for (int at = 1_000; at < 59_000; at += 1_500 + random.nextInt(1_000)) {
      short[] click = NoiseGenerator.white(at, -20).generate(Silence.samples(5));
      b.background(at, click, 0);
    }
    return b.build();
  }

  private static TestAudio.Builder calleeOver(long seed, double dbov) {
    List<short[]> phrases = SpeechCorpus.callee();
    SplittableRandom random = new SplittableRandom(seed);
    TestAudio.Builder b = TestAudio.builder(50_000);
    int at = 1_500;
    for (short[] phrase : phrases) {
      b.speechAtLevel(at, phrase, dbov);
      at += phrase.length / 8 + 1_500 + random.nextInt(2_500);
    }
    return b;
  }

  private static TestAudio staticBursts() {
    TestAudio.Builder b = TestAudio.builder(60_000).noise(NoiseGenerator.pink(9, -55));
    SplittableRandom random = new SplittableRandom(9);
    for (int at = 2_000; at < 58_000; at += 5_000 + random.nextInt(1_000)) {
      short[] burst =
          NoiseGenerator.white(at, -30).generate(Silence.samples(200 + random.nextInt(200)));
      b.background(at, burst, 0);
    }
    return b.build();
  }

  private static TestAudio delayed(byte[] agent, int erl, int delay) {
    return TestAudio.builder(agent.length / 8)
        .background(delay, toPcm(agent), -erl)
        .noise(NoiseGenerator.pink(erl * 1000L + delay, -55))
        .build();
  }

  private static TestAudio noiseOnly(NoiseGenerator noise) {
    return TestAudio.builder(60_000).noise(noise).build();
  }

  private static TestAudio noiseStep() {
    short[] quiet = NoiseGenerator.pink(7, -55).generate(Silence.samples(30_000));
    short[] loud = NoiseGenerator.pink(8, -35).generate(Silence.samples(30_000));
    return TestAudio.builder(60_000).background(0, quiet, 0).background(30_000, loud, 0).build();
  }

  private static short[] toPcm(byte[] mu) {
    short[] out = new short[mu.length];
    MuLaw.decode(mu, 0, mu.length, out, 0);
    return out;
  }

  /**
   * Runs {@code config} over a scenario frame by frame, as the media server would, and scores it.
   */
  static Score score(Scenario scenario, VadConfig config) {
    return score(scenario, config, false);
  }

  /**
   * Runs {@code config} over a scenario; {@code vouched}: as during the agent's playback, where the
   * media server vouches for frames the echo gate finds clearly above our echo (every frame on a
   * scenario without the agent's audio) and the VAD may confirm on the fast-onset count. That is
   * the barge-in path.
   */
  static Score score(Scenario scenario, VadConfig config, boolean vouched) {
    VoiceActivityDetector vad = new VoiceActivityDetector(config);
    EchoGate gate = scenario.outbound() == null ? null : new EchoGate(EchoGateConfig.defaults());
    byte[] in = scenario.inbound().muLaw();
    List<TestAudio.Utterance> truth = scenario.inbound().utterances();
    boolean[] hit = new boolean[truth.size()];
    int falseTriggers = 0;
    int splits = 0;
    double latencySum = 0;
    double latencyMax = 0;
    double onsetErrorSum = 0;
    double onsetAbsErrorSum = 0;
    int frame = MuLaw.FRAME_SAMPLES;
    for (int off = 0; off + frame <= in.length; off += frame) {
      boolean echo = false;
      boolean fast = vouched;
      if (gate != null) {
        // Outbound frame k plays from sample k * 160 on the inbound timeline.
        if (off + frame <= scenario.outbound().length) {
          gate.onOutboundFrame(scenario.outbound(), off, frame, off);
        }
        echo = gate.isEcho(in, off, frame, off);
        // As InboundPipeline vouches.
        fast = vouched && gate.lastFrameOverlappedPlayback() && gate.clearlyNotEcho();
      }
      VadEvent event = vad.process(in, off, frame, echo, fast);
      if (event != VadEvent.SPEECH_START) {
        continue;
      }
      long emitted = off + frame;
      int match = -1;
      for (int u = 0; u < truth.size(); u++) {
        TestAudio.Utterance t = truth.get(u);
        if (emitted >= t.onsetSample() && emitted <= t.endSample()) {
          match = u;
          break;
        }
      }
      if (match < 0) {
        falseTriggers++;
        if (DEBUG) {
          System.err.printf("%s: false trigger at %d ms%n", scenario.name(), emitted / 8);
        }
      } else if (hit[match]) {
        splits++;
      } else {
        hit[match] = true;
        TestAudio.Utterance t = truth.get(match);
        double latency = (emitted - t.onsetSample()) * 1000.0 / MuLaw.SAMPLE_RATE;
        latencySum += latency;
        latencyMax = Math.max(latencyMax, latency);
        double onsetError = (vad.onsetSample() - t.onsetSample()) * 1000.0 / MuLaw.SAMPLE_RATE;
        onsetErrorSum += onsetError;
        onsetAbsErrorSum += Math.abs(onsetError);
      }
    }
    int detected = 0;
    for (int u = 0; u < hit.length; u++) {
      detected += hit[u] ? 1 : 0;
      if (DEBUG && !hit[u]) {
        System.err.printf(
            "%s: missed %.0f-%.0f ms%n",
            scenario.name(), truth.get(u).onsetMillis(), truth.get(u).endMillis());
      }
    }
    return new Score(
        scenario.name(),
        in.length / (double) MuLaw.SAMPLE_RATE,
        truth.size(),
        detected,
        truth.size() - detected,
        falseTriggers,
        splits,
        detected == 0 ? Double.NaN : latencySum / detected,
        latencyMax,
        detected == 0 ? Double.NaN : onsetErrorSum / detected,
        detected == 0 ? Double.NaN : onsetAbsErrorSum / detected);
  }

  /** The scores as a Markdown table. */
  static String table(List<Score> scores) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| scenario | audio s | utterances | detected | missed | false triggers | splits |"
            + " onset latency mean ms | max ms | onset error mean ms | onset error mean abs ms |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Score s : scores) {
      sb.append(
          String.format(
              "| %s | %.0f | %d | %d | %d | %d | %d | %.0f | %.0f | %.0f | %.0f |%n",
              s.name(),
              s.seconds(),
              s.utterances(),
              s.detected(),
              s.missed(),
              s.falseTriggers(),
              s.splits(),
              s.meanLatencyMs(),
              s.maxLatencyMs(),
              s.meanOnsetErrorMs(),
              s.meanAbsOnsetErrorMs()));
    }
    return sb.toString();
  }

  /** Prints the VAD accuracy tables with the default config: plain, then vouched (barge-in). */
  public static void main(String[] args) {
    for (boolean vouched : new boolean[] {false, true}) {
      List<Score> scores = new ArrayList<>();
      for (Scenario scenario : all()) {
        scores.add(score(scenario, VadConfig.defaults(), vouched));
      }
      System.out.println(vouched ? "vouched (barge-in path):" : "plain:");
      System.out.print(table(scores));
    }
  }
}
