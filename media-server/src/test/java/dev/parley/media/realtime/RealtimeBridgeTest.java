package dev.parley.media.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.media.playout.OutboundPlayout;
import dev.parley.media.testing.TwilioStreamClient;
import dev.parley.protocol.BargeIn;
import dev.parley.protocol.SpeechStarted;
import dev.parley.protocol.SpeechStopped;
import dev.parley.protocol.ToolCall;
import dev.parley.protocol.ToolResult;
import dev.parley.protocol.Transcript;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge against the fake Realtime server over a real WebSocket, with a recording call. */
class RealtimeBridgeTest {

  /**
   * A bound for a broken run only: every wait is for an event, and a JVM on a loaded 2-core machine
   * (load 15) stalls for seconds, far past the 5 s these waits had.
   */
  private static final Duration WAIT = Duration.ofSeconds(60);

  private EventLoopGroup group;
  private EventLoop loop;
  private FakeRealtimeServer fake;
  private RecordingCall call;
  private RealtimeBridge bridge;

  @BeforeEach
  void start() throws Exception {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    loop = group.next();
    fake = new FakeRealtimeServer();
    call = new RecordingCall(loop);
  }

  @AfterEach
  void stop() throws Exception {
    if (bridge != null) {
      onLoop(bridge::close);
    }
    fake.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }

  private void open(RealtimeConfig config, String greeting) throws Exception {
    bridge =
        new RealtimeBridge(call, config, "PLAN: book a table for four", greeting, "en-US", true);
    onLoop(bridge::open);
  }

  private void openReady() throws Exception {
    open(fake.config(), "");
    fake.await("session.update", WAIT);
    await(() -> fake.received("session.update").size() == 1);
  }

  private void onLoop(Runnable r) throws Exception {
    loop.submit(r).get(5, TimeUnit.SECONDS);
  }

  private static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
    assertThat(TwilioStreamClient.await(c, WAIT.toMillis())).as("condition within 60 s").isTrue();
  }

  /**
   * Waits until everything the bridge sent so far has reached the fake server: one frame of the
   * callee's audio goes out behind it on the same socket. What a check for nothing more sent needs,
   * instead of a sleep that a loaded machine outlasts.
   */
  private void sentSoFarArrived() throws Exception {
    int before = fake.audio().length;
    byte[] frame = tone(160, 1);
    onLoop(() -> bridge.inboundAudio(frame, 0, frame.length));
    await(() -> fake.audio().length == before + frame.length);
  }

  private static byte[] tone(int bytes, int seed) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) (seed + i * 7);
    }
    return b;
  }

  @Test
  void configuresTheSessionStreamsAudioAndCarriesTranscriptsAndToolsBothWays() throws Exception {
    open(fake.config(), "Hello, this is Parley calling for Ana.");
    JsonNode update = fake.await("session.update", WAIT).path("session");
    assertThat(fake.authorizations()).containsExactly("Bearer " + FakeRealtimeServer.KEY);
    assertThat(update.path("type").asText()).isEqualTo("realtime");
    assertThat(update.path("instructions").asText()).isEqualTo("PLAN: book a table for four");
    JsonNode audio = update.path("audio");
    assertThat(audio.at("/input/format/type").asText()).isEqualTo("audio/pcmu");
    assertThat(audio.at("/output/format/type").asText()).isEqualTo("audio/pcmu");
    assertThat(audio.at("/output/voice").asText()).isEqualTo("cedar");
    assertThat(audio.at("/input/turn_detection/type").asText()).isEqualTo("server_vad");
    assertThat(audio.at("/input/turn_detection/interrupt_response").asBoolean(true)).isFalse();
    assertThat(audio.at("/input/transcription/model").asText()).isEqualTo("gpt-4o-mini-transcribe");
    assertThat(audio.at("/input/transcription/language").asText()).isEqualTo("en");
    List<String> tools =
        StreamSupport.stream(update.path("tools").spliterator(), false)
            .map(t -> t.path("name").asText())
            .toList();
    assertThat(tools).contains("record_fact", RealtimeTools.HANG_UP);
    JsonNode greet = fake.await("response.create", WAIT);
    assertThat(greet.at("/response/instructions").asText()).contains("Hello, this is Parley");

    // The callee's audio goes out byte for byte.
    byte[] inbound = tone(160 * 10, 3);
    onLoop(
        () -> {
          for (int off = 0; off < inbound.length; off += 160) {
            bridge.inboundAudio(inbound, off, 160);
          }
        });
    await(() -> fake.audio().length == inbound.length);
    assertThat(fake.audio()).isEqualTo(inbound);

    // The callee speaks, the model answers.
    fake.speechStarted("item_u1", 120);
    fake.speechStopped("item_u1", 980);
    fake.inputTranscript("item_u1", "Hi, a table for four please.");
    byte[] answer = tone(4000, 11);
    fake.rateLimits();
    fake.speak("resp_1", "item_a1", answer, "Sure, for what time?");
    await(() -> call.messages(Transcript.class).size() == 2);
    assertThat(call.messages(SpeechStarted.class))
        .extracting(SpeechStarted::atMs)
        .containsExactly(120);
    assertThat(call.messages(SpeechStopped.class))
        .extracting(SpeechStopped::atMs)
        .containsExactly(980);
    Transcript callee = call.messages(Transcript.class).get(0);
    Transcript agent = call.messages(Transcript.class).get(1);
    assertThat(callee.utteranceSeq()).isEqualTo(1);
    assertThat(callee.speaker()).isEqualTo(Transcript.Speaker.CALLEE);
    assertThat(agent.speaker()).isEqualTo(Transcript.Speaker.AGENT);
    assertThat(callee.isFinal()).isTrue();
    assertThat(callee.text()).isEqualTo("Hi, a table for four please.");
    assertThat(callee.startMs()).isEqualTo(120);
    assertThat(callee.endMs()).isEqualTo(980);
    assertThat(agent.utteranceSeq()).isEqualTo(2);
    assertThat(agent.isFinal()).isTrue();
    assertThat(agent.text()).isEqualTo("Sure, for what time?");
    assertThat(agent.endMs() - agent.startMs()).isEqualTo(answer.length / 8);
    assertThat(call.started()).containsExactly(2L);
    assertThat(call.finished()).containsExactly(2L);
    assertThat(call.audio()).isEqualTo(answer);
    assertThat(call.messages(BargeIn.class)).isEmpty();
    assertThat(call.interruptions).isZero();

    // A function call goes to the control plane; its result comes back and the model goes on.
    fake.responseCreated("resp_2");
    fake.functionCall(
        "resp_2", "item_f1", "call_42", "record_fact", "{\"key\":\"answer\",\"value\":\"4\"}");
    fake.responseDone("resp_2", "completed");
    await(() -> call.messages(ToolCall.class).size() == 1);
    ToolCall tc = call.messages(ToolCall.class).get(0);
    assertThat(tc.toolCallId()).isEqualTo("call_42");
    assertThat(tc.name()).isEqualTo("record_fact");
    assertThat(tc.argumentsJson()).isEqualTo("{\"key\":\"answer\",\"value\":\"4\"}");
    int creates = fake.received("response.create").size();
    onLoop(() -> bridge.toolResult(new ToolResult(call.callId, "call_42", "{\"recorded\":true}")));
    JsonNode output = fake.await("conversation.item.create", WAIT).path("item");
    assertThat(output.path("type").asText()).isEqualTo("function_call_output");
    assertThat(output.path("call_id").asText()).isEqualTo("call_42");
    assertThat(output.path("output").asText()).isEqualTo("{\"recorded\":true}");
    await(() -> fake.received("response.create").size() == creates + 1);
    // A repeated result is not applied twice.
    onLoop(() -> bridge.toolResult(new ToolResult(call.callId, "call_42", "{\"recorded\":true}")));
    sentSoFarArrived();
    assertThat(fake.received("conversation.item.create")).hasSize(1);
    assertThat(fake.received("response.create")).hasSize(creates + 1);

    // The hang-up tool ends the call once its response is over.
    fake.responseCreated("resp_3");
    fake.functionCall(
        "resp_3", "item_f2", "call_43", RealtimeTools.HANG_UP, "{\"reason\":\"completed\"}");
    assertThat(call.hangUp).isNull();
    fake.responseDone("resp_3", "completed");
    await(() -> "completed".equals(call.hangUp));
    assertThat(call.messages(ToolCall.class))
        .extracting(ToolCall::name)
        .contains(RealtimeTools.HANG_UP);
    assertThat(call.failure).isNull();
  }

  @Test
  void bargeInCancelsTheResponseAndTruncatesAtTheHeardMs() throws Exception {
    openReady();
    byte[] first = tone(8000, 5);
    fake.responseCreated("resp_1");
    fake.outputItemAdded("resp_1", "item_a1", "message", null);
    fake.audioDeltas("resp_1", "item_a1", first, 800);
    await(() -> call.audio().length == first.length);
    call.playing = true;
    call.nextCut = new OutboundPlayout.Interruption(1, 640, 1000);

    fake.speechStarted("item_u1", 2300);
    JsonNode cancel = fake.await("response.cancel", WAIT);
    assertThat(cancel.path("response_id").asText()).isEqualTo("resp_1");
    JsonNode truncate = fake.await("conversation.item.truncate", WAIT);
    assertThat(truncate.path("item_id").asText()).isEqualTo("item_a1");
    assertThat(truncate.path("content_index").asInt()).isZero();
    assertThat(truncate.path("audio_end_ms").asInt()).isEqualTo(640);
    await(() -> call.messages(BargeIn.class).size() == 1);
    BargeIn b = call.messages(BargeIn.class).get(0);
    assertThat(b.utteranceId()).isEqualTo(1);
    assertThat(b.msHeard()).isEqualTo(640);
    assertThat(b.atMs()).isEqualTo(2300);
    assertThat(call.interruptions).isEqualTo(1);

    // Audio the model had in flight for the cancelled response is not played.
    fake.audioDeltas("resp_1", "item_a1", tone(1600, 9), 800);
    fake.transcriptDone("resp_1", "item_a1", "We have a table at seven and another at");
    await(() -> call.messages(Transcript.class).size() == 1);
    assertThat(call.audio()).hasSize(first.length);
    assertThat(call.finished()).isEmpty();
    assertThat(call.failure).isNull();
  }

  @Test
  void aProviderErrorMidCallIsLoggedAndTheCallGoesOn() throws Exception {
    openReady();
    fake.error("invalid_request_error", "invalid_value", "Invalid value for audio_end_ms");
    fake.speak("resp_1", "item_a1", tone(1600, 1), "Still here.");
    await(() -> call.messages(Transcript.class).size() == 1);
    assertThat(call.messages(Transcript.class).get(0).text()).isEqualTo("Still here.");
    assertThat(call.failure).isNull();
    assertThat(bridge.providerErrors()).isEqualTo(1);
  }

  @Test
  void anErrorBeforeTheSessionIsConfiguredEndsTheCallWithTheProvidersReason() throws Exception {
    fake.answerSessionUpdate(false);
    fake.onClientEvent(
        e -> {
          if (e.path("type").asText().equals("session.update")) {
            fake.error("invalid_request_error", "invalid_model", "The model does not exist.");
          }
        });
    open(fake.config(), "");
    await(() -> call.failure != null);
    assertThat(call.failure)
        .contains("realtime session rejected")
        .contains("The model does not exist.");
    assertThat(bridge.closed()).isTrue();
  }

  @Test
  void aRefusedKeyEndsTheCallClearly() throws Exception {
    open(fake.config("sk-wrong"), "");
    await(() -> call.failure != null);
    assertThat(call.failure).contains("handshake refused").contains("401");
  }

  @Test
  void aDroppedConnectionMidResponseEndsTheCallAndKeepsWhatTheAgentSaid() throws Exception {
    openReady();
    fake.speechStarted("item_u1", 100);
    fake.speechStopped("item_u1", 700);
    fake.inputTranscript("item_u1", "Do you have anything tonight?");
    fake.responseCreated("resp_1");
    fake.outputItemAdded("resp_1", "item_a1", "message", null);
    fake.audioDeltas("resp_1", "item_a1", tone(2400, 2), 800);
    fake.transcriptDelta("resp_1", "item_a1", "We have a table ");
    fake.transcriptDelta("resp_1", "item_a1", "at seven");
    await(() -> call.audio().length == 2400);
    fake.dropConnection();
    await(() -> call.failure != null);
    assertThat(call.failure).isEqualTo("realtime connection dropped");
    List<Transcript> t = call.messages(Transcript.class);
    assertThat(t)
        .extracting(Transcript::text)
        .containsExactly("Do you have anything tonight?", "We have a table at seven");
    assertThat(t.get(1).isFinal()).isTrue();
    assertThat(bridge.closed()).isTrue();
    // Teardown after the failure sends nothing twice.
    onLoop(bridge::close);
    assertThat(call.messages(Transcript.class)).hasSize(2);
  }

  @Test
  void aMalformedServerEventEndsTheCallWithAProtocolError() throws Exception {
    openReady();
    fake.sendRaw(
        "{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\",\"item_id\":\"i\",\"delta\":\"not base64!\"}");
    await(() -> call.failure != null);
    assertThat(call.failure).startsWith("realtime protocol error: audio delta is not base64");
  }

  @Test
  void audioBeforeTheSocketIsUpIsSentOnceItIs() throws Exception {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      frames.add(tone(160, i));
    }
    loop.submit(
            () -> {
              bridge = new RealtimeBridge(call, fake.config(), "PLAN", "", "", true);
              bridge.open();
              frames.forEach(f -> bridge.inboundAudio(f, 0, f.length));
            })
        .get(5, TimeUnit.SECONDS);
    await(() -> fake.audio().length == 800);
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    frames.forEach(f -> all.write(f, 0, f.length));
    assertThat(fake.audio()).isEqualTo(all.toByteArray());
    // The session was configured before any audio was appended.
    assertThat(fake.received().get(0).path("type").asText()).isEqualTo("session.update");
  }

  @Test
  void aRefusedConnectionEndsTheCallClearly() throws Exception {
    RealtimeConfig nowhere =
        new RealtimeConfig(
            FakeRealtimeServer.KEY,
            "http://127.0.0.1:1",
            FakeRealtimeServer.MODEL,
            "",
            "",
            RealtimeConfig.DEFAULT_MAX_EVENT_BYTES);
    open(nowhere, "");
    await(() -> call.failure != null);
    assertThat(call.failure).startsWith("cannot connect to 127.0.0.1:1");
  }

  @Test
  void aToolResultDuringARunningResponseWaitsForItsEndBeforeTheNextResponse() throws Exception {
    openReady();
    fake.responseCreated("resp_1");
    fake.functionCall("resp_1", "item_f", "call_1", "send_dtmf", "{\"digits\":\"2\"}");
    await(() -> call.messages(ToolCall.class).size() == 1);
    onLoop(() -> bridge.toolResult(new ToolResult(call.callId, "call_1", "\"pressed 2\"")));
    fake.await("conversation.item.create", WAIT);
    sentSoFarArrived();
    assertThat(fake.received("response.create")).isEmpty();
    fake.responseDone("resp_1", "completed");
    fake.await("response.create", WAIT);
    assertThat(fake.received("response.create")).hasSize(1);
  }

  @Test
  void afterItsHangUpTheModelsFunctionCallsAreAnsweredNotCarriedOut() throws Exception {
    openReady();
    // One response: a fact, the hang-up, then the model goes on with an opt-out and a second
    // hang-up.
    fake.responseCreated("resp_1");
    fake.functionCall(
        "resp_1", "item_f1", "call_1", "record_fact", "{\"key\":\"price\",\"value\":\"40\"}");
    fake.functionCall(
        "resp_1", "item_f2", "call_2", RealtimeTools.HANG_UP, "{\"reason\":\"completed\"}");
    fake.functionCall("resp_1", "item_f3", "call_3", "add_to_do_not_call", "{}");
    fake.functionCall(
        "resp_1", "item_f4", "call_4", RealtimeTools.HANG_UP, "{\"reason\":\"opt_out\"}");
    fake.responseDone("resp_1", "completed");
    await(() -> "completed".equals(call.hangUp));
    assertThat(call.messages(ToolCall.class))
        .extracting(ToolCall::toolCallId, ToolCall::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("call_1", "record_fact"),
            org.assertj.core.groups.Tuple.tuple("call_2", RealtimeTools.HANG_UP));
    await(() -> fake.received("conversation.item.create").size() == 2);
    List<JsonNode> refused = fake.received("conversation.item.create");
    assertThat(refused)
        .extracting(e -> e.at("/item/call_id").asText())
        .containsExactly("call_3", "call_4");
    assertThat(refused)
        .allSatisfy(
            e ->
                assertThat(e.at("/item/output").asText())
                    .contains("not carried out: the call is ending"));

    // The result of the fact recorded before the hang-up still goes back; the model is not asked
    // to go on.
    onLoop(() -> bridge.toolResult(new ToolResult(call.callId, "call_1", "{\"recorded\":true}")));
    await(() -> fake.received("conversation.item.create").size() == 3);

    // Server VAD answers the callee's words during the goodbye with a new response: cancelled,
    // its audio not played, its function call not carried out.
    fake.responseCreated("resp_2");
    JsonNode cancel = fake.await("response.cancel", WAIT);
    assertThat(cancel.path("response_id").asText()).isEqualTo("resp_2");
    fake.outputItemAdded("resp_2", "item_a2", "message", null);
    fake.audioDeltas("resp_2", "item_a2", tone(1600, 9), 800);
    fake.functionCall("resp_2", "item_f5", "call_5", "record_fact", "{\"key\":\"x\"}");
    fake.responseDone("resp_2", "cancelled");
    // Everything above was handled once the callee's words after it are through.
    fake.inputTranscript("item_u9", "Wait, one more thing.");
    await(() -> call.messages(Transcript.class).size() == 1);
    sentSoFarArrived();
    assertThat(call.messages(ToolCall.class)).hasSize(2);
    assertThat(call.audio()).isEmpty();
    assertThat(fake.received("response.create")).isEmpty();
    assertThat(fake.received("conversation.item.create")).hasSize(3);
    assertThat(call.hangUp).isEqualTo("completed");
  }

  @Test
  void aFunctionCallTheProtocolCannotCarryIsAnsweredToTheModelNotSent() throws Exception {
    openReady();
    fake.responseCreated("resp_1");
    String huge = "{\"value\":\"" + "x".repeat(40_000) + "\"}";
    fake.functionCall("resp_1", "item_f", "call_1", "record_fact", huge);
    fake.send(
        FakeRealtimeServer.event("response.function_call_arguments.done")
            .put("response_id", "resp_1")
            .put("item_id", "item_unnamed")
            .put("output_index", 2)
            .put("call_id", "call_2")
            .put("arguments", "{}"));
    fake.responseDone("resp_1", "completed");
    await(() -> fake.received("conversation.item.create").size() == 2);
    List<JsonNode> outputs = fake.received("conversation.item.create");
    assertThat(outputs.get(0).at("/item/call_id").asText()).isEqualTo("call_1");
    assertThat(outputs.get(0).at("/item/output").asText()).contains("arguments longer than 32768");
    assertThat(outputs.get(1).at("/item/call_id").asText()).isEqualTo("call_2");
    assertThat(outputs.get(1).at("/item/output").asText()).contains("unknown function");
    fake.await("response.create", WAIT);
    assertThat(call.messages(ToolCall.class)).isEmpty();
  }
}
