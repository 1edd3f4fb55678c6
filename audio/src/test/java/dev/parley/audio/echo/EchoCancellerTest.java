package dev.parley.audio.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.signal.TestAudio;
import dev.parley.audio.testing.SpeechCorpus;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent's synthesised speech played out (μ-law) and echoed back through a delayed copy, a
 * four-tap hybrid whose gain wanders, or a soft-clipping amplifier with extra noise, re-encoded as
 * μ-law with line noise: the canceller must find the delay to the sample, converge, remove most of
 * the echo without calling it the callee, and hear a callee quieter than the echo.
 */
class EchoCancellerTest {

  private static final int FRAME = MuLaw.FRAME_SAMPLES;

  /** Echo paths the tests use. */
  enum Path {
    /** A delayed, attenuated copy. */
    COPY,
    /** Four taps over 11 ms, one inverted, the gain wandering ±2.5 dB over 1.7 s. */
    HYBRID,
    /** A soft-clipping amplifier (about 2 dB compression on loud syllables). */
    NONLINEAR
  }

  static short[] echo(byte[] outbound, Path path, double db, int delayMs) {
    double gain = Math.pow(10, db / 20);
    int delay = delayMs * 8;
    short[] played = SignalMixer.toPcm(outbound);
    short[] e = new short[played.length];
    int[] taps = {0, 11, 37, 90};
    double[] g = {0.7, 0.4, -0.25, 0.1};
    for (int n = 0; n < e.length; n++) {
      double v = 0;
      switch (path) {
        case COPY -> v = n >= delay ? played[n - delay] * gain : 0;
        case HYBRID -> {
          for (int k = 0; k < taps.length; k++) {
            int j = n - delay - taps[k];
            v += j >= 0 ? g[k] * played[j] : 0;
          }
          v *= gain * (1 + 0.33 * Math.sin(2 * Math.PI * n / (8000 * 1.7)));
        }
        case NONLINEAR -> {
          double x = n >= delay ? played[n - delay] / 32768.0 : 0;
          v = Math.tanh(2.5 * x) / 2.5 * 32768 * gain;
        }
      }
      e[n] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }
    return e;
  }

  private static byte[] line(short[] echo, int ms, double noiseDb, long seed) {
    return TestAudio.builder(ms)
        .background(0, echo, 0)
        .noise(NoiseGenerator.pink(seed, noiseDb))
        .build()
        .muLaw();
  }

  @ParameterizedTest(name = "{0} echo at {1} dB after {2} ms: ERLE >= {3} dB")
  @CsvSource({
    "COPY,-6,60,22",
    "COPY,-12,150,20",
    "COPY,-20,250,15",
    "HYBRID,-6,120,18",
    "HYBRID,-12,200,18",
    "NONLINEAR,-6,100,16",
    "NONLINEAR,-12,240,15"
  })
  void echoAloneIsCancelledAndNotTakenForTheCallee(
      Path path, double db, int delayMs, double minErleDb) {
    int ms = 12_000;
    byte[] outbound = SpeechCorpus.agentPlayout(ms);
    byte[] inbound =
        line(echo(outbound, path, db, delayMs), ms, path == Path.NONLINEAR ? -55 : -62, delayMs);
    EchoCanceller c = new EchoCanceller(460);
    c.trustFrom(0);
    int usableFrom = -1;
    int flagged = 0;
    int usable = 0;
    for (int off = 0; off + FRAME <= inbound.length; off += FRAME) {
      c.farFrame(outbound, off, FRAME, off);
      if (c.process(inbound, off, FRAME, off, false)) {
        usable++;
        usableFrom = usableFrom < 0 ? off / 8 : usableFrom;
        flagged += c.calleeHeard() ? 1 : 0;
      }
    }
    System.out.printf(
        "%s %.0f dB %d ms: usable from %d ms, delay %d samples (true %d), ERLE %.1f dB, %d of %d"
            + " frames taken for the callee%n",
        path,
        db,
        delayMs,
        usableFrom,
        c.echoDelaySamples(),
        delayMs * 8,
        c.meanErleDb(),
        flagged,
        usable);
    assertThat(usableFrom).as("converged").isBetween(0, 3000);
    // The hybrid's largest tap is its first, at the bulk delay.
    assertThat(c.echoDelaySamples()).isBetween(delayMs * 8 - 1, delayMs * 8 + 1);
    assertThat(c.meanErleDb()).isGreaterThanOrEqualTo(minErleDb);
    assertThat(flagged).as("echo frames taken for the callee").isLessThanOrEqualTo(usable / 40);
  }

  @ParameterizedTest(name = "callee {2} dB under a {0} echo at -6 dB after {1} ms")
  @CsvSource({"COPY,90,4", "COPY,220,4", "HYBRID,150,4", "NONLINEAR,120,2"})
  void aCalleeQuieterThanOurEchoIsHeard(Path path, int delayMs, double underEchoDb) {
    int ms = 16_000;
    byte[] outbound = SpeechCorpus.agentPlayout(ms);
    short[] echo = echo(outbound, path, -6, delayMs);
    double echoLevel = TestAudio.activeLevelDbov(echo);
    TestAudio.Builder callee = TestAudio.builder(ms);
    List<short[]> phrases = SpeechCorpus.callee();
    int at = 5_000;
    for (int i = 0; at < 15_000; i++) {
      callee.speechAtLevel(at, phrases.get(i % phrases.size()), echoLevel - underEchoDb);
      at += phrases.get(i % phrases.size()).length / 8 + 800;
    }
    TestAudio calleeAlone = callee.build();
    byte[] inbound =
        callee.background(0, echo, 0).noise(NoiseGenerator.pink(3, -62)).build().muLaw();
    short[] calleePcm = calleeAlone.pcm();
    EchoCanceller c = new EchoCanceller(460);
    EchoGate gate = new EchoGate(EchoGateConfig.defaults());
    c.trustFrom(0);
    gate.timelineTrustedFrom(0);
    int loud = 0;
    int heard = 0;
    int gatePassed = 0;
    for (int off = 0; off + FRAME <= inbound.length; off += FRAME) {
      c.farFrame(outbound, off, FRAME, off);
      gate.onOutboundFrame(outbound, off, FRAME, off);
      boolean echoByLevel = gate.isEcho(inbound, off, FRAME, off);
      boolean usable = c.process(inbound, off, FRAME, off, !echoByLevel && gate.clearlyNotEcho());
      double calleeMs = 0;
      for (int i = off; i < off + FRAME; i++) {
        calleeMs += (double) calleePcm[i] * calleePcm[i];
      }
      // Frames where the callee talks at full voice (within 10 dB of their active level).
      if (MuLaw.dbov(calleeMs / FRAME) > echoLevel - underEchoDb - 10) {
        loud++;
        heard += usable && c.calleeHeard() ? 1 : 0;
        gatePassed += echoByLevel ? 0 : 1;
      }
    }
    System.out.printf(
        "callee %.0f dB under %s echo %d ms: %d of %d loud callee frames heard (level gate alone"
            + " %d)%n",
        underEchoDb, path, delayMs, heard, loud, gatePassed);
    assertThat(loud).isGreaterThan(150);
    assertThat((double) heard / loud).isGreaterThanOrEqualTo(0.5);
  }
}
