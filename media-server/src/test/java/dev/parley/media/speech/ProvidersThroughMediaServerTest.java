package dev.parley.media.speech;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.server.SpeechProviders;
import dev.parley.media.speech.deepgram.FakeDeepgram;
import dev.parley.media.speech.deepgram.FakeDeepgramListen;
import dev.parley.media.speech.deepgram.FakeDeepgramSpeak;
import dev.parley.media.speech.elevenlabs.FakeElevenLabs;
import dev.parley.media.speech.fake.FakeAudio;
import dev.parley.media.speech.fake.FakeProviderServer;
import dev.parley.media.testing.MediaTestRig;
import dev.parley.media.testing.TestSpeech;
import dev.parley.media.testing.TwilioStreamClient;
import dev.parley.protocol.BargeIn;
import dev.parley.protocol.CallDirection;
import dev.parley.protocol.Clear;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionReady;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.Speak;
import dev.parley.protocol.SpeechMode;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.UtterancePlayed;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole calls through the real media server, Twilio's side played by the test client, where
 * SESSION_START selects the real provider adapters, each talking to its local fake.
 */
class ProvidersThroughMediaServerTest {

  /** How long a test waits for what must happen: a bound on a hung test, not a timing claim. */
  private static final Duration LIVENESS = Duration.ofSeconds(30);

  private static FakeDeepgramListen deepgramListen;
  private static FakeProviderServer listenServer;
  private static SpeechProviders providers;
  private static FakeProviderServer elevenLabsServer;
  private static MediaTestRig rig;

  @BeforeAll
  static void start() throws Exception {
    deepgramListen = new FakeDeepgramListen(10_000);
    listenServer =
        new FakeProviderServer(
            new FakeDeepgram(deepgramListen, new FakeDeepgramSpeak(FakeDeepgramSpeak.Mode.HOLD)));
    Map<String, String> env = new HashMap<>();
    env.put("DEEPGRAM_API_KEY", FakeDeepgramListen.KEY);
    env.put("DEEPGRAM_BASE_URL", listenServer.baseUrl().toString());
    elevenLabsServer = new FakeProviderServer(new FakeElevenLabs(FakeElevenLabs.Mode.NORMAL));
    env.put("ELEVENLABS_API_KEY", FakeElevenLabs.KEY);
    env.put("ELEVENLABS_VOICE_ID", "voice-1");
    env.put("ELEVENLABS_BASE_URL", elevenLabsServer.baseUrl().toString());
    providers = SpeechProviders.fromEnvironment(env);
    rig = MediaTestRig.start(c -> c, providers.speechToText(), providers.textToSpeech());
  }

  @AfterAll
  static void stop() {
    rig.close();
    listenServer.close();
    elevenLabsServer.close();
  }

  private UUID newCall(String stt, String tts) throws InterruptedException {
    UUID id = UUID.randomUUID();
    rig.control.send(
        new SessionStart(
            id,
            CallDirection.OUTBOUND,
            "tenant-1",
            "+15551230000",
            "+15559870000",
            "en-US",
            "kevin16",
            stt,
            tts,
            SpeechMode.PIPELINE,
            MediaTestRig.token(id),
            "",
            "",
            MediaTestRig.TUNING));
    rig.control.await(SessionReady.class, r -> r.callId().equals(id), Duration.ofSeconds(20));
    return id;
  }

  /** The first connection to {@code path} from number {@code from} on. */
  private static FakeProviderServer.Conn awaitDeepgram(String path, int from) throws Exception {
    FakeProviderServer.Conn[] found = new FakeProviderServer.Conn[1];
    boolean ok =
        FakeProviderServer.await(
            () -> {
              var all = listenServer.connections();
              for (int i = from; i < all.size(); i++) {
                if (all.get(i).uri().getPath().equals(path)) {
                  found[0] = all.get(i);
                  return true;
                }
              }
              return false;
            },
            5000);
    assertThat(ok).as("a connection to " + path).isTrue();
    return found[0];
  }

  @Test
  void deepgramHearsTheCalleeAndItsWordsReachTheControlPlane() throws Exception {
    int before = listenServer.connections().size();
    UUID call = newCall("deepgram", "offline");
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(TestSpeech.speech("I would like to book an appointment."), Double.NaN, 0);
      FakeProviderServer.Conn dg = awaitDeepgram("/v1/listen", before);
      assertThat(FakeProviderServer.await(() -> dg.binaryBytes() >= 8000, 10_000)).isTrue();
      dg.sendText(
          FakeDeepgramListen.results(
              "I would like to book an appointment.", 0.2, 1.6, true, true, false));
      Transcript t =
          rig.control.await(
              Transcript.class, m -> m.callId().equals(call) && m.isFinal(), Duration.ofSeconds(5));
      assertThat(t.text()).isEqualTo("I would like to book an appointment.");
      assertThat(t.utteranceSeq()).isZero();
      twilio.stop();
      rig.control.await(SessionEnd.class, e -> e.callId().equals(call), Duration.ofSeconds(5));
      // The call's end closes the stream the way Deepgram asks: Finalize, then CloseStream.
      assertThat(dg.closed()).succeedsWithin(Duration.ofSeconds(5));
      assertThat(dg.texts()).endsWith("{\"type\":\"Finalize\"}", "{\"type\":\"CloseStream\"}");
    }
  }

  @Test
  void wordsDeepgramSettlesAfterTheCallEndsStillReachTheControlPlaneBeforeSessionEnd()
      throws Exception {
    int before = listenServer.connections().size();
    UUID call = newCall("deepgram", "offline");
    // Deepgram has heard these words but not finalised them when the callee hangs up: they come
    // only in answer to the Finalize the node sends as it closes the stream.
    deepgramListen.holdWords("and my name is Alex Morgan");
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(TestSpeech.speech("And my name is Alex Morgan."), Double.NaN, 0);
      FakeProviderServer.Conn dg = awaitDeepgram("/v1/listen", before);
      assertThat(FakeProviderServer.await(() -> dg.binaryBytes() >= 8000, 10_000)).isTrue();
      twilio.stop();
      SessionEnd end =
          rig.control.await(SessionEnd.class, e -> e.callId().equals(call), Duration.ofSeconds(10));
      List<ProtocolMessage> messages = rig.control.messages();
      int endAt = messages.indexOf(end);
      int wordsAt = -1;
      for (int i = 0; i < messages.size(); i++) {
        if (messages.get(i) instanceof Transcript t
            && t.callId().equals(call)
            && t.isFinal()
            && t.text().equals("and my name is Alex Morgan")) {
          wordsAt = i;
        }
      }
      assertThat(wordsAt).as("the settled words reached the control plane").isNotNegative();
      assertThat(wordsAt).as("before SESSION_END").isLessThan(endAt);
      assertThat(dg.texts()).endsWith("{\"type\":\"Finalize\"}", "{\"type\":\"CloseStream\"}");
    } finally {
      deepgramListen.holdWords("");
    }
  }

  @Test
  void elevenLabsSpeaksTheAgentsWordsToTheCallee() throws Exception {
    UUID call = newCall("offline", "elevenlabs");
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(new byte[0], Double.NaN, 0);
      TwilioStreamClient.await(() -> rig.server.calls().activeCount() > 0, LIVENESS.toMillis());
      String text = "Let me check that for you.";
      rig.control.send(new Speak(call, 1, 0, true, true, text));
      UtterancePlayed played =
          rig.control.await(
              UtterancePlayed.class,
              u -> u.callId().equals(call) && u.utteranceId() == 1 && u.complete(),
              Duration.ofSeconds(10));
      int expectedMs = FakeAudio.of(text).length / 8;
      assertThat(played.msPlayed()).isBetween(expectedMs - 20, expectedMs + 20);
      FakeProviderServer.Conn el = elevenLabsServer.awaitConnection(0, LIVENESS.toMillis());
      assertThat(el.texts())
          .contains("{\"text\":\"" + text + " \",\"try_trigger_generation\":true,\"flush\":true}");
      assertThat(providers.metrics().provider("elevenlabs").firstAudioCount()).isEqualTo(1);
      twilio.stop();
    }
  }

  @Test
  void clearDuringDeepgramSpeechCancelsTheProviderStream() throws Exception {
    int before = listenServer.connections().size();
    UUID call = newCall("deepgram", "deepgram");
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(new byte[0], Double.NaN, 0);
      TwilioStreamClient.await(() -> rig.server.calls().activeCount() > 0, LIVENESS.toMillis());
      rig.control.send(
          new Speak(call, 1, 0, true, true, "This answer is long and will be cut off. Really."));
      FakeProviderServer.Conn speak = awaitDeepgram("/v1/speak", before);
      // The fake holds all but the first 50 ms of audio: synthesis is still running.
      assertThat(TwilioStreamClient.await(() -> twilio.playedAudioFrames() > 0, 5000)).isTrue();
      rig.control.send(new Clear(call));
      assertThat(speak.closed()).succeedsWithin(Duration.ofSeconds(5));
      assertThat(speak.texts()).last().isEqualTo("{\"type\":\"Clear\"}");
      UtterancePlayed cut =
          rig.control.await(
              UtterancePlayed.class,
              u -> u.callId().equals(call) && u.utteranceId() == 1,
              Duration.ofSeconds(5));
      assertThat(cut.complete()).isFalse();
      assertThat(providers.metrics().provider("deepgram").ttsCancelled.sum()).isEqualTo(1);
      twilio.stop();
    }
  }

  @Test
  void aDeepgramInterimResultDuringPlaybackConfirmsBargeIn() throws Exception {
    int before = listenServer.connections().size();
    UUID call = newCall("deepgram", "offline");
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      // The callee's line is silent: the node's own VAD has nothing to react to.
      twilio.startMedia(new byte[0], Double.NaN, 0);
      FakeProviderServer.Conn dg = awaitDeepgram("/v1/listen", before);
      rig.control.send(
          new Speak(
              call, 1, 0, true, true, "Let me read you the whole list of our opening hours."));
      assertThat(TwilioStreamClient.await(() -> twilio.playedAudioFrames() > 10, 8000)).isTrue();
      dg.sendText(FakeDeepgramListen.results("sorry", 0.0, 0.3, false, false, false));
      BargeIn b =
          rig.control.await(BargeIn.class, m -> m.callId().equals(call), Duration.ofSeconds(5));
      assertThat(b.utteranceId()).isEqualTo(1);
      assertThat(TwilioStreamClient.await(() -> twilio.clears() > 0, LIVENESS.toMillis())).isTrue();
      twilio.stop();
    }
  }
}
