package dev.parley.media.bargein;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.signal.TestAudio;
import dev.parley.media.server.MediaServerConfig;
import dev.parley.media.testing.MediaTestRig;
import dev.parley.media.testing.TestSpeech;
import dev.parley.media.testing.TwilioStreamClient;
import dev.parley.protocol.BargeIn;
import dev.parley.protocol.SpeechStarted;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.UtterancePlayed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Barge-in end to end, through real sockets and a Twilio-like peer that plays our audio in real
 * time: the callee talking over the agent interrupts it; the agent's own echo and line noise do
 * not.
 */
class BargeInOverSocketsTest {

  static final String GREETING =
      "Hello, this is Parley calling on behalf of Doctor Smith's office, to confirm your appointment"
          + " next Tuesday at three in the afternoon.";
  static final String CALLEE = "Sorry, I need to move that appointment.";

  private static final int FRAME_MS = 20;

  /**
   * How long a test waits for something that must happen before it gives up: a bound on a hung
   * test, not on how fast the server is (none of these tests asserts a timing).
   */
  private static final Duration LIVENESS = Duration.ofSeconds(60);

  private static MediaTestRig rig;
  private static double agentLevel;

  @BeforeAll
  static void start() throws Exception {
    rig = MediaTestRig.start();
    agentLevel = TestAudio.activeLevelDbov(SignalMixer.toPcm(TestSpeech.speech(GREETING)));
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  /**
   * The callee's side: their utterance at {@code atMs}, {@code relDb} against the agent's level.
   */
  static TestAudio callee(int atMs, double relDb, int durationMs) {
    short[] speech = SignalMixer.toPcm(TestSpeech.speech(CALLEE));
    return TestAudio.builder(durationMs)
        .speechAtLevel(atMs, speech, agentLevel + relDb)
        .noise(NoiseGenerator.pink(7, -60))
        .build();
  }

  @Test
  void calleeTalkingOverTheAgentInterruptsItAndHeardMsComesFromMarks() throws Exception {
    UUID call = rig.newCall(GREETING);
    TestAudio audio = callee(1500, 3, 8000);
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(audio.muLaw(), -12, 120);
      assertThat(TwilioStreamClient.await(() -> twilio.clears() > 0, LIVENESS.toMillis()))
          .as("clear sent")
          .isTrue();
      BargeIn barge = rig.control.await(BargeIn.class, b -> b.callId().equals(call), LIVENESS);
      assertThat(barge.utteranceId()).isZero();
      assertHeardMsMatchesWhatThePeerPlayed(barge, twilio);
      double onsetMs = audio.utterances().get(0).onsetMillis();
      // The VAD's onset is its first voiced frame the echo gate could not explain; a soft first
      // syllable under the agent's loudest recent frame is gated (but kept by the pre-roll).
      assertThat((double) barge.atMs()).as("speech onset").isBetween(onsetMs - 60, onsetMs + 250);
      // Queued audio was dropped: Twilio's buffer is empty and nothing more of the greeting
      // follows.
      int mediaAtClear = twilio.receivedMedia();
      Thread.sleep(500);
      assertThat(twilio.receivedMedia()).isEqualTo(mediaAtClear);
      assertThat(twilio.buffered()).isZero();
      assertThat(rig.control.messages(SpeechStarted.class)).anyMatch(s -> s.callId().equals(call));
      assertThat(rig.control.messages(UtterancePlayed.class))
          .noneMatch(u -> u.callId().equals(call) && u.complete());
      twilio.stop();
    }
  }

  /**
   * The greeting's heard ms must come from the marks the peer echoed, whatever the machine's load,
   * so it is bounded by the peer's own record rather than by wall-clock time. From below: the
   * server decides on the barge-in no earlier than on the inbound frame holding the speech onset,
   * and on the same ordered socket it has read every mark echoed before that frame went out, so
   * playback had reached at least the last of those marks. From above: every echo it has read went
   * out before the clear arrived, so before the peer had played {@code clearPlayedFrames}; the
   * playout clock extrapolates at most one mark interval (plus two frames of jitter) past an echo.
   */
  private static void assertHeardMsMatchesWhatThePeerPlayed(
      BargeIn barge, TwilioStreamClient twilio) {
    long onsetFrame = barge.atMs() / FRAME_MS;
    int confirmedBeforeOnsetMs =
        twilio.markEchoes().stream()
            .filter(e -> e.mediaFramesSent() <= onsetFrame)
            .mapToInt(e -> e.playedFrames() * FRAME_MS)
            .max()
            .orElse(0);
    int playedAtClearMs = twilio.clearPlayedFrames().get(0) * FRAME_MS;
    int markIntervalMs = MediaServerConfig.defaults().markEveryFrames() * FRAME_MS;
    assertThat(barge.msHeard())
        .as(
            "heard ms between the last mark echoed before the onset (%d ms) and one mark interval"
                + " past what was played when the clear arrived (%d ms)",
            confirmedBeforeOnsetMs, playedAtClearMs)
        .isBetween(confirmedBeforeOnsetMs, playedAtClearMs + markIntervalMs + 2 * FRAME_MS);
  }

  @Test
  void theAgentsOwnEchoNeverBargesIn() throws Exception {
    double[][] paths = {{-6, 60}, {-6, 250}, {-12, 150}, {-20, 250}};
    List<UUID> calls = new ArrayList<>();
    List<TwilioStreamClient> clients = new ArrayList<>();
    try {
      for (double[] p : paths) {
        UUID call = rig.newCall(GREETING);
        TwilioStreamClient twilio = rig.stream(call);
        clients.add(twilio);
        calls.add(call);
        twilio.start(MediaTestRig.token(call));
        twilio.startMedia(
            TestAudio.builder(100).noise(NoiseGenerator.pink(3, -60)).build().muLaw(),
            p[0],
            (int) p[1]);
      }
      for (UUID call : calls) {
        rig.control.await(
            UtterancePlayed.class, u -> u.callId().equals(call) && u.complete(), LIVENESS);
      }
      Thread.sleep(600);
      for (int i = 0; i < paths.length; i++) {
        UUID call = calls.get(i);
        assertThat(clients.get(i).clears())
            .as("clears with echo %s dB %s ms", paths[i][0], paths[i][1])
            .isZero();
        assertThat(rig.control.messages(BargeIn.class)).noneMatch(b -> b.callId().equals(call));
        assertThat(rig.control.messages(SpeechStarted.class))
            .as("speech events with echo %s dB %s ms", paths[i][0], paths[i][1])
            .noneMatch(b -> b.callId().equals(call));
      }
    } finally {
      clients.forEach(TwilioStreamClient::close);
    }
  }

  @Test
  void lineNoiseAloneRaisesNoSpeechEvents() throws Exception {
    UUID call = rig.newCall("");
    short[] noise = new short[8000 * 3];
    NoiseGenerator.pink(11, -45).addTo(noise, 0, noise.length);
    NoiseGenerator.white(12, -50).addTo(noise, 0, noise.length);
    NoiseGenerator.hum(60, -50).addTo(noise, 0, noise.length);
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(SignalMixer.toMuLaw(noise), Double.NaN, 0);
      Thread.sleep(3200);
      twilio.stop();
      Thread.sleep(200);
      assertThat(rig.control.messages(SpeechStarted.class)).noneMatch(s -> s.callId().equals(call));
      assertThat(rig.control.messages(Transcript.class)).noneMatch(s -> s.callId().equals(call));
    }
  }

  @Test
  void calleeSpeechWithoutPlaybackIsTranscribedWithItsTrueExtent() throws Exception {
    UUID call = rig.newCall("");
    TestAudio audio = callee(500, 0, 5000);
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(audio.muLaw(), Double.NaN, 0);
      Transcript t = rig.control.await(Transcript.class, s -> s.callId().equals(call), LIVENESS);
      TestAudio.Utterance truth = audio.utterances().get(0);
      assertThat(t.isFinal()).isTrue();
      assertThat(t.text()).isEmpty();
      assertThat((double) t.startMs())
          .isBetween(truth.onsetMillis() - 60, truth.onsetMillis() + 100);
      assertThat((double) t.endMs()).isBetween(truth.endMillis() - 200, truth.endMillis() + 200);
      assertThat(twilio.clears()).isZero();
      twilio.stop();
    }
  }
}
