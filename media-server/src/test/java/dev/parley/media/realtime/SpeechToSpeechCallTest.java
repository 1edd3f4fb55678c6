package dev.parley.media.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.audio.vad.VadConfig;
import dev.parley.media.server.MediaServer;
import dev.parley.media.server.MediaServerConfig;
import dev.parley.media.speech.VadSegmentSpeechToText;
import dev.parley.media.testing.FakeControlPlane;
import dev.parley.media.testing.MediaTestRig;
import dev.parley.media.testing.TestSpeech;
import dev.parley.media.testing.TwilioStreamClient;
import dev.parley.protocol.BargeIn;
import dev.parley.protocol.CallDirection;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ErrorMessage;
import dev.parley.protocol.Hangup;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import dev.parley.protocol.SessionReady;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.SpeechMode;
import dev.parley.protocol.ToolCall;
import dev.parley.protocol.ToolResult;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.UtterancePlayed;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Speech-to-speech calls end to end: the fake control plane starts a call in SPEECH_TO_SPEECH mode,
 * the test Twilio client streams and plays in real time (marks, {@code clear}), and the fake
 * Realtime server plays the model.
 */
class SpeechToSpeechCallTest {

  /**
   * A bound for a broken run only: every wait is for an event, and a JVM on a loaded 2-core machine
   * (load 15) stalls for seconds, far past the 5 to 10 s these waits had.
   */
  private static final Duration WAIT = Duration.ofSeconds(60);

  private FakeControlPlane control;
  private FakeRealtimeServer realtime;
  private MediaServer server;

  private MediaServerConfig nodeConfig() {
    return MediaServerConfig.defaults()
        .withEphemeralPorts("127.0.0.1")
        .withControl("127.0.0.1", control.port())
        .withSecrets(MediaTestRig.SECRET, "");
  }

  private void startNode(RealtimeConfig config) throws Exception {
    control = new FakeControlPlane();
    realtime = new FakeRealtimeServer();
    server =
        MediaServer.start(
            nodeConfig(),
            new VadSegmentSpeechToText(VadConfig.defaults()),
            TestSpeech.tts(),
            config == null ? realtime.config() : config);
    assertThat(TwilioStreamClient.await(server::controlConnected, WAIT.toMillis())).isTrue();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (control != null) {
      control.close();
    }
    if (realtime != null) {
      realtime.close();
    }
  }

  private UUID sessionStart() {
    UUID id = UUID.randomUUID();
    control.send(
        new SessionStart(
            id,
            CallDirection.OUTBOUND,
            "tenant-1",
            "+15551230000",
            "+15559870000",
            "en-US",
            "cedar",
            "",
            "",
            SpeechMode.SPEECH_TO_SPEECH,
            MediaTestRig.token(id),
            "Hello, this is Parley calling for Ana.",
            "Goal: book a table for four at 7 pm on Friday.",
            MediaTestRig.TUNING));
    return id;
  }

  private static byte[] tone(int ms) {
    byte[] b = new byte[ms * 8];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (0x10 + (i % 40));
    }
    return b;
  }

  @Test
  void aSpeechToSpeechCallCarriesBothSidesToolsAndBargeIn() throws Exception {
    startNode(null);
    UUID id = sessionStart();
    control.await(SessionReady.class, r -> r.callId().equals(id), WAIT);
    try (TwilioStreamClient twilio =
        TwilioStreamClient.connect("127.0.0.1", server.port(), "/streams/" + id, null)) {
      twilio.start(MediaTestRig.token(id));
      byte[] calleeAudio = new byte[8000 * 30];
      Arrays.fill(calleeAudio, (byte) 0xFF);
      twilio.startMedia(calleeAudio, Double.NaN, 0);

      JsonNode session = realtime.await("session.update", WAIT).path("session");
      assertThat(session.path("instructions").asText()).contains("book a table for four");
      assertThat(realtime.await("response.create", WAIT).at("/response/instructions").asText())
          .contains("Hello, this is Parley");

      // The greeting plays through the node's playout to Twilio, marks and all.
      byte[] greeting = tone(1000);
      realtime.speak("resp_g", "item_g", greeting, "Hello, this is Parley calling for Ana.");
      control.await(
          UtterancePlayed.class,
          p -> p.callId().equals(id) && p.complete() && p.utteranceId() == 1,
          WAIT);
      assertThat(twilio.playedAudioFrames()).isEqualTo(greeting.length / 160);
      // The callee's audio reached the model.
      assertThat(TwilioStreamClient.await(() -> realtime.audio().length >= 8000, WAIT.toMillis()))
          .isTrue();

      // The callee answers; the model records a fact through the control plane's tool.
      realtime.speechStarted("item_u1", 1500);
      realtime.speechStopped("item_u1", 2600);
      realtime.inputTranscript("item_u1", "Sure, for how many people?");
      realtime.responseCreated("resp_t");
      realtime.functionCall(
          "resp_t", "item_f", "call_7", "record_fact", "{\"key\":\"answer\",\"value\":\"4\"}");
      realtime.responseDone("resp_t", "completed");
      ToolCall call = control.await(ToolCall.class, t -> t.callId().equals(id), WAIT);
      assertThat(call.name()).isEqualTo("record_fact");
      assertThat(call.toolCallId()).isEqualTo("call_7");
      int creates = realtime.received("response.create").size();
      control.send(new ToolResult(id, "call_7", "{\"recorded\":true}"));
      JsonNode out = realtime.await("conversation.item.create", WAIT).path("item");
      assertThat(out.path("call_id").asText()).isEqualTo("call_7");
      assertThat(out.path("output").asText()).isEqualTo("{\"recorded\":true}");
      assertThat(
              TwilioStreamClient.await(
                  () -> realtime.received("response.create").size() == creates + 1,
                  WAIT.toMillis()))
          .isTrue();

      // A long answer, interrupted by the callee after about a second of it has played.
      int before = twilio.playedAudioFrames();
      realtime.responseCreated("resp_b");
      realtime.outputItemAdded("resp_b", "item_b", "message", null);
      realtime.audioDeltas("resp_b", "item_b", tone(4000), 800);
      assertThat(
              TwilioStreamClient.await(
                  () -> twilio.playedAudioFrames() >= before + 50, WAIT.toMillis()))
          .isTrue();
      realtime.speechStarted("item_u2", 6000);

      JsonNode cancel = realtime.await("response.cancel", WAIT);
      assertThat(cancel.path("response_id").asText()).isEqualTo("resp_b");
      JsonNode truncate = realtime.await("conversation.item.truncate", WAIT);
      assertThat(truncate.path("item_id").asText()).isEqualTo("item_b");
      // The clear goes to Twilio as the cancel goes to the model: either may be read first.
      assertThat(TwilioStreamClient.await(() -> twilio.clears() >= 1, WAIT.toMillis())).isTrue();
      assertThat(twilio.clears()).isEqualTo(1);
      int heardByTwilio = (twilio.clearPlayedFrames().get(0) - before) * 20;
      int markIntervalMs = nodeConfig().markEveryFrames() * 20;
      int audioEndMs = truncate.path("audio_end_ms").asInt();
      assertThat(audioEndMs)
          .isBetween(heardByTwilio - markIntervalMs, heardByTwilio + markIntervalMs);
      BargeIn barge = control.await(BargeIn.class, b -> b.callId().equals(id), WAIT);
      assertThat(barge.utteranceId()).isEqualTo(3);
      assertThat(barge.msHeard()).isEqualTo(audioEndMs);
      assertThat(barge.atMs()).isEqualTo(6000);
      realtime.transcriptDone(
          "resp_b", "item_b", "We have Friday at seven or at eight thirty, which");

      // The callee's next words, then the model says goodbye and hangs up.
      realtime.speechStopped("item_u2", 7000);
      realtime.inputTranscript("item_u2", "Seven is perfect.");
      realtime.responseCreated("resp_e");
      realtime.outputItemAdded("resp_e", "item_e", "message", null);
      realtime.audioDeltas("resp_e", "item_e", tone(600), 800);
      realtime.audioDone("resp_e", "item_e");
      realtime.transcriptDone("resp_e", "item_e", "Booked for seven. Goodbye!");
      realtime.functionCall(
          "resp_e", "item_h", "call_8", RealtimeTools.HANG_UP, "{\"reason\":\"completed\"}");
      realtime.responseDone("resp_e", "completed");

      SessionEnd end = control.await(SessionEnd.class, e -> e.callId().equals(id), WAIT);
      assertThat(end.reason()).isEqualTo(SessionEndReason.COMPLETED);
      // Goodbye was played in full before the call ended.
      control.await(UtterancePlayed.class, p -> p.utteranceId() == 5 && p.complete(), WAIT);
      assertThat(control.messages(CallStats.class))
          .anySatisfy(s -> assertThat(s.bargeIns()).isEqualTo(1));

      List<Transcript> transcripts =
          control.messages(Transcript.class).stream().filter(t -> t.callId().equals(id)).toList();
      assertThat(transcripts).allSatisfy(t -> assertThat(t.isFinal()).isTrue());
      assertThat(transcripts)
          .extracting(Transcript::utteranceSeq, Transcript::speaker, Transcript::text)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  1, Transcript.Speaker.AGENT, "Hello, this is Parley calling for Ana."),
              org.assertj.core.groups.Tuple.tuple(
                  2, Transcript.Speaker.CALLEE, "Sure, for how many people?"),
              org.assertj.core.groups.Tuple.tuple(
                  3, Transcript.Speaker.AGENT, "We have Friday at seven or at eight thirty, which"),
              org.assertj.core.groups.Tuple.tuple(
                  4, Transcript.Speaker.CALLEE, "Seven is perfect."),
              org.assertj.core.groups.Tuple.tuple(
                  5, Transcript.Speaker.AGENT, "Booked for seven. Goodbye!"));
      // The provider socket is closed with the call.
      assertThat(TwilioStreamClient.await(() -> !realtime.connected(), WAIT.toMillis())).isTrue();
    }
  }

  @Test
  void hangupFromTheControlPlaneEndsTheCallAndClosesTheProviderSocket() throws Exception {
    startNode(null);
    UUID id = sessionStart();
    control.await(SessionReady.class, r -> r.callId().equals(id), WAIT);
    try (TwilioStreamClient twilio =
        TwilioStreamClient.connect("127.0.0.1", server.port(), "/streams/" + id, null)) {
      twilio.start(MediaTestRig.token(id));
      twilio.startMedia(new byte[0], Double.NaN, 0);
      realtime.await("session.update", WAIT);
      control.send(new Hangup(id, "owner cancelled"));
      SessionEnd end = control.await(SessionEnd.class, e -> e.callId().equals(id), WAIT);
      assertThat(end.reason()).isEqualTo(SessionEndReason.COMPLETED);
      assertThat(TwilioStreamClient.await(() -> !realtime.connected(), WAIT.toMillis())).isTrue();
    }
  }

  @Test
  void aDroppedRealtimeSocketEndsTheCallWithItsStats() throws Exception {
    startNode(null);
    UUID id = sessionStart();
    control.await(SessionReady.class, r -> r.callId().equals(id), WAIT);
    try (TwilioStreamClient twilio =
        TwilioStreamClient.connect("127.0.0.1", server.port(), "/streams/" + id, null)) {
      twilio.start(MediaTestRig.token(id));
      twilio.startMedia(new byte[0], Double.NaN, 0);
      realtime.await("session.update", WAIT);
      realtime.responseCreated("resp_1");
      realtime.outputItemAdded("resp_1", "item_1", "message", null);
      // The words before the audio: once Twilio has our audio, the node has read them too (one
      // ordered stream), so the drop cannot overtake them however loaded the machine is.
      realtime.transcriptDelta("resp_1", "item_1", "Hello, this is");
      realtime.audioDeltas("resp_1", "item_1", tone(400), 800);
      assertThat(TwilioStreamClient.await(() -> twilio.receivedMedia() > 0, WAIT.toMillis()))
          .isTrue();
      realtime.dropConnection();
      SessionEnd end = control.await(SessionEnd.class, e -> e.callId().equals(id), WAIT);
      assertThat(end.reason()).isEqualTo(SessionEndReason.MEDIA_ERROR);
      // Closed, or reset under our next write: which the node sees first is a race.
      assertThat(end.text()).startsWith("realtime connection dropped");
      List<dev.parley.protocol.ProtocolMessage> all =
          control.messages().stream().filter(m -> id.equals(m.callId())).toList();
      // The agent's words so far, then the stats, then the end.
      int transcript = indexOf(all, Transcript.class);
      int stats = indexOf(all, CallStats.class);
      assertThat(((Transcript) all.get(transcript)).text()).isEqualTo("Hello, this is");
      assertThat(transcript).isLessThan(stats);
      assertThat(stats).isLessThan(all.indexOf(end));
      assertThat(twilio.closeStatus().get(5, java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo(1000);
    }
  }

  @Test
  void aNodeWithoutAKeyRefusesSpeechToSpeechCallsClearly() throws Exception {
    startNode(RealtimeConfig.disabled());
    UUID id = sessionStart();
    ErrorMessage refused = control.await(ErrorMessage.class, e -> id.equals(e.callId()), WAIT);
    assertThat(refused.code()).isEqualTo(ErrorCode.CALL_FAILED);
    assertThat(refused.text()).contains("OPENAI_API_KEY");
    assertThat(control.messages(SessionReady.class)).noneMatch(r -> r.callId().equals(id));
    assertThat(server.calls().isPrepared(id)).isFalse();
  }

  private static int indexOf(List<dev.parley.protocol.ProtocolMessage> all, Class<?> type) {
    for (int i = 0; i < all.size(); i++) {
      if (type.isInstance(all.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + all);
  }
}
