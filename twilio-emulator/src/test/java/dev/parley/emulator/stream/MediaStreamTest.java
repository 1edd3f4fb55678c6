package dev.parley.emulator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.call.CallRecording;
import dev.parley.emulator.call.CallStatus;
import dev.parley.emulator.call.EmulatedCall;
import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.sdk.EmulatorTwilioClients;
import dev.parley.emulator.support.FakeMediaServer;
import dev.parley.emulator.support.Tones;
import dev.parley.emulator.support.WebhookRecorder;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator as Twilio's side of a bidirectional Media Stream, against a minimal Netty WebSocket
 * server playing Parley's media server, with real 20 ms pacing.
 */
class MediaStreamTest {

  private static final String SILENT = "+12125550103";

  private TwilioEmulator twilio;
  private WebhookRecorder control;
  private FakeMediaServer media;
  private TwilioRestClient client;

  @BeforeEach
  void start() throws Exception {
    twilio = TwilioEmulator.start(EmulatorConfig.defaults());
    control = new WebhookRecorder();
    media = new FakeMediaServer();
    client =
        EmulatorTwilioClients.restClient(
            twilio.baseUri(), twilio.config().accountSid(), twilio.config().authToken());
    twilio.callees().register(SILENT, CalleeBehaviour.human().build());
    control.twiml(
        "/twiml",
        "<Response><Connect><Stream url=\""
            + media.url()
            + "\"><Parameter name=\"sessionId\" value=\"S-42\"/>"
            + "<Parameter name=\"tenant\" value=\"acme &amp; co\"/></Stream></Connect>"
            + "<Say>Goodbye</Say></Response>");
  }

  @AfterEach
  void stop() throws Exception {
    twilio.close();
    media.close();
    control.close();
  }

  private EmulatedCall dial(String to) {
    Call call =
        Call.creator(
                new PhoneNumber(to),
                new PhoneNumber("+15005550006"),
                URI.create(control.url("/twiml")))
            .setStatusCallback(URI.create(control.url("/status")))
            .create(client);
    return twilio.call(call.getSid()).orElseThrow();
  }

  private String awaitStart() throws InterruptedException {
    return media
        .await(n -> n.path("event").asText().equals("start"), 5000)
        .path("streamSid")
        .asText();
  }

  @Test
  void sendsConnectedStartAndPacedMediaLikeTwilio() throws Exception {
    EmulatedCall call = dial(SILENT);
    String streamSid = awaitStart();
    media.awaitCount("media", 15, 5000);

    List<JsonNode> all = media.messages();
    assertThat(all.get(0).path("event").asText()).isEqualTo("connected");
    assertThat(all.get(0).path("protocol").asText()).isEqualTo("Call");
    assertThat(all.get(0).path("version").asText()).isEqualTo("1.0.0");

    JsonNode start = all.get(1);
    assertThat(start.path("event").asText()).isEqualTo("start");
    assertThat(start.path("sequenceNumber").isTextual()).isTrue();
    assertThat(start.path("sequenceNumber").asText()).isEqualTo("1");
    assertThat(streamSid).matches("MZ[0-9a-f]{32}");
    JsonNode s = start.path("start");
    assertThat(s.path("streamSid").asText()).isEqualTo(streamSid);
    assertThat(s.path("callSid").asText()).isEqualTo(call.sid());
    assertThat(s.path("accountSid").asText()).isEqualTo(twilio.config().accountSid());
    assertThat(s.path("tracks").get(0).asText()).isEqualTo("inbound");
    assertThat(s.path("tracks").size()).isEqualTo(1);
    assertThat(s.path("customParameters").path("sessionId").asText()).isEqualTo("S-42");
    assertThat(s.path("customParameters").path("tenant").asText()).isEqualTo("acme & co");
    assertThat(s.path("mediaFormat").path("encoding").asText()).isEqualTo("audio/x-mulaw");
    assertThat(s.path("mediaFormat").path("sampleRate").asInt()).isEqualTo(8000);
    assertThat(s.path("mediaFormat").path("channels").asInt()).isEqualTo(1);

    List<JsonNode> frames = media.messages("media");
    for (int i = 0; i < frames.size(); i++) {
      JsonNode f = frames.get(i);
      assertThat(f.path("streamSid").asText()).isEqualTo(streamSid);
      assertThat(f.path("sequenceNumber").isTextual()).isTrue();
      assertThat(f.path("sequenceNumber").asText()).isEqualTo(Integer.toString(i + 2));
      JsonNode m = f.path("media");
      assertThat(m.path("track").asText()).isEqualTo("inbound");
      assertThat(m.path("chunk").asText()).isEqualTo(Integer.toString(i + 1));
      assertThat(m.path("timestamp").asText()).isEqualTo(Integer.toString(i * 20));
      assertThat(Base64.getDecoder().decode(m.path("payload").asText())).hasSize(160);
    }

    // Twilio signs the WebSocket upgrade over the stream URL.
    assertThat(
            new RequestValidator(twilio.config().authToken())
                .validate(media.url(), Map.of(), media.upgradeSignature()))
        .isTrue();
  }

  @Test
  void echoesEachMarkWhenPlaybackReachesIt() throws Exception {
    EmulatedCall call = dial(SILENT);
    String streamSid = awaitStart();
    media.sendMedia(streamSid, Tones.tone(10, 8000));
    media.sendMark(streamSid, "m1");
    media.sendMedia(streamSid, Tones.tone(5, 8000));
    media.sendMark(streamSid, "m2");

    media.awaitCount("mark", 2, 5000);
    List<JsonNode> marks = media.messages("mark");
    assertThat(marks)
        .extracting(n -> n.path("mark").path("name").asText())
        .containsExactly("m1", "m2");
    assertThat(marks.get(0).path("streamSid").asText()).isEqualTo(streamSid);
    assertThat(marks.get(0).path("sequenceNumber").isTextual()).isTrue();

    CallRecording rec = call.recording();
    assertThat(rec.heardAudioFrames()).isEqualTo(15);
    List<CallRecording.Event> echoes = rec.events("mark-echo");
    // m2 is reached exactly 5 frames of playback after m1, whatever the wall-clock jitter.
    assertThat(echoes.get(1).frame() - echoes.get(0).frame()).isEqualTo(5);
    // The callee heard the tone itself: played frames are the frames that were sent.
    byte[] heard = rec.heardAudio();
    int firstLoud = -1;
    for (int i = 0; i < heard.length / 160; i++) {
      if (Tones.frameLevel(heard, i) > 1000) {
        firstLoud = i;
        break;
      }
    }
    assertThat(firstLoud).isGreaterThanOrEqualTo(0);
    byte[] sent = Tones.tone(15, 8000);
    byte[] played =
        java.util.Arrays.copyOfRange(heard, firstLoud * 160, firstLoud * 160 + sent.length);
    assertThat(played).isEqualTo(sent);
  }

  @Test
  void clearDropsQueuedAudioAndEchoesPendingMarksInOrder() throws Exception {
    EmulatedCall call = dial(SILENT);
    String streamSid = awaitStart();
    media.sendMedia(streamSid, Tones.tone(500, 8000));
    media.sendMark(streamSid, "long-end");
    media.sendMedia(streamSid, Tones.tone(5, 8000));
    media.sendMark(streamSid, "after");
    CallRecording rec = call.recording();
    await(() -> rec.heardAudioFrames() >= 5);
    assertThat(media.messages("mark")).isEmpty();

    media.sendClear(streamSid);
    media.awaitCount("mark", 2, 5000);
    assertThat(media.messages("mark"))
        .extracting(n -> n.path("mark").path("name").asText())
        .containsExactly("long-end", "after");
    assertThat(rec.clearsReceived()).hasSize(1);
    long heardAtClear = rec.heardAudioFrames();
    assertThat(heardAtClear).isLessThan(500);

    // The stream plays on normally after a clear.
    media.sendMedia(streamSid, Tones.tone(3, 8000));
    media.sendMark(streamSid, "post-clear");
    media.awaitCount("mark", 3, 5000);
    assertThat(media.messages("mark").get(2).path("mark").path("name").asText())
        .isEqualTo("post-clear");
    assertThat(rec.heardAudioFrames()).isEqualTo(heardAtClear + 3);
    assertThat(twilio.streamCounters().clearsReceived()).isEqualTo(1);
  }

  @Test
  void restHangUpSendsStopClosesTheSocketAndCompletes() throws Exception {
    EmulatedCall call = dial(SILENT);
    String streamSid = awaitStart();
    media.awaitCount("media", 3, 5000);

    Call hungUp = Call.updater(call.sid()).setStatus(Call.UpdateStatus.COMPLETED).update(client);
    assertThat(hungUp.getStatus()).isEqualTo(Call.Status.COMPLETED);

    JsonNode stop = media.await(n -> n.path("event").asText().equals("stop"), 5000);
    assertThat(stop.path("streamSid").asText()).isEqualTo(streamSid);
    assertThat(stop.path("stop").path("callSid").asText()).isEqualTo(call.sid());
    assertThat(stop.path("stop").path("accountSid").asText())
        .isEqualTo(twilio.config().accountSid());
    await(() -> media.closes() == 1);
    List<JsonNode> all = media.messages();
    assertThat(all.get(all.size() - 1).path("event").asText()).isEqualTo("stop");
    WebhookRecorder.Received done =
        control.await(r -> "completed".equals(r.params().get("CallStatus")), 5000);
    assertThat(done.params()).containsKey("CallDuration");
  }

  @Test
  void whenTheMediaServerClosesTheStreamTwimlContinuesWithTheNextVerb() throws Exception {
    EmulatedCall call = dial(SILENT);
    awaitStart();
    media.closeStream();
    assertThat(call.ended().get(10, TimeUnit.SECONDS).status()).isEqualTo(CallStatus.COMPLETED);
    CallRecording rec = call.recording();
    assertThat(rec.events("stream-closed")).hasSize(1);
    assertThat(rec.events("say"))
        .extracting(CallRecording.Event::detail)
        .containsExactly("Goodbye");
    assertThat(rec.heardAudioFrames()).isGreaterThan(0);
    assertThat(media.messages("stop")).isEmpty();
  }

  @Test
  void scriptedCalleeSpeaksPressesDigitsAndHangsUpOnItsTurns() throws Exception {
    String number = "+12125550104";
    twilio
        .callees()
        .register(
            number,
            CalleeBehaviour.human("Hello?")
                .press("12")
                .hangUp()
                .turnGap(java.time.Duration.ofMillis(200))
                .build());
    EmulatedCall call = dial(number);
    String streamSid = awaitStart();

    // The callee answers with "Hello?": loud inbound media soon after start.
    media.await(n -> n.path("event").asText().equals("media") && loud(n), 5000);
    await(
        () ->
            call.recording().events("callee").stream()
                .anyMatch(e -> e.detail().equals("finished line")));

    // Agent's turn: speech then silence; the callee then presses 1, 2.
    media.sendMedia(streamSid, Tones.tone(25, 8000));
    media.awaitCount("dtmf", 2, 5000);
    assertThat(media.messages("dtmf"))
        .extracting(n -> n.path("dtmf").path("digit").asText())
        .containsExactly("1", "2");
    assertThat(media.messages("dtmf").get(0).path("dtmf").path("track").asText())
        .isEqualTo("inbound_track");

    // Agent's next turn: the callee hangs up; Twilio sends stop.
    media.sendMedia(streamSid, Tones.tone(25, 8000));
    media.await(n -> n.path("event").asText().equals("stop"), 5000);
    assertThat(call.ended().get(5, TimeUnit.SECONDS).status()).isEqualTo(CallStatus.COMPLETED);
  }

  @Test
  void lineEchoReturnsTheAgentsAudioAttenuatedAndDelayed() throws Exception {
    String number = "+12125550105";
    twilio
        .callees()
        .register(
            number, CalleeBehaviour.human().echo(-20, java.time.Duration.ofMillis(100)).build());
    EmulatedCall call = dial(number);
    String streamSid = awaitStart();
    media.sendMedia(streamSid, Tones.tone(20, 16000));
    media.sendMark(streamSid, "done");
    media.awaitCount("mark", 1, 5000);
    await(() -> call.recording().saidAudio().length >= call.recording().heardAudio().length);

    byte[] heard = call.recording().heardAudio();
    byte[] said = call.recording().saidAudio();
    int first = -1;
    for (int i = 0; i < heard.length / 160; i++) {
      if (Tones.frameLevel(heard, i) > 1000) {
        first = i;
        break;
      }
    }
    // 100 ms = 5 frames later, at -20 dB (x0.1), the callee's line carries the agent's tone.
    int heardLevel = Tones.frameLevel(heard, first + 5);
    assertThat(Tones.frameLevel(said, first + 4)).isLessThan(heardLevel / 50);
    assertThat(Tones.frameLevel(said, first + 6))
        .isBetween((int) (heardLevel * 0.07), (int) (heardLevel * 0.13));
  }

  @Test
  void redirectStopsTheStreamAndRunsTheNewTwiml() throws Exception {
    EmulatedCall call = dial(SILENT);
    String streamSid = awaitStart();
    Call redirected =
        Call.updater(call.sid())
            .setTwiml(new com.twilio.type.Twiml("<Response><Say>Moved</Say><Hangup/></Response>"))
            .update(client);
    assertThat(redirected.getStatus()).isEqualTo(Call.Status.IN_PROGRESS);
    JsonNode stop = media.await(n -> n.path("event").asText().equals("stop"), 5000);
    assertThat(stop.path("streamSid").asText()).isEqualTo(streamSid);
    assertThat(call.ended().get(10, TimeUnit.SECONDS).status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(call.recording().events("say"))
        .extracting(CallRecording.Event::detail)
        .containsExactly("Moved");
    assertThat(call.recording().events("stream-closed")).isEmpty();
  }

  @Test
  void detectMessageEndConnectsAfterTheVoicemailBeep() throws Exception {
    String number = "+12125550121";
    twilio.callees().register(number, CalleeBehaviour.machine("Leave a message.").build());
    Call created =
        Call.creator(
                new PhoneNumber(number),
                new PhoneNumber("+15005550006"),
                URI.create(control.url("/twiml")))
            .setMachineDetection("DetectMessageEnd")
            .create(client);
    EmulatedCall call = twilio.call(created.getSid()).orElseThrow();
    awaitStart();
    CallRecording rec = call.recording();
    CallRecording.Event greetingDone =
        rec.events("callee").stream()
            .filter(e -> e.detail().equals("finished line"))
            .findFirst()
            .orElseThrow();
    CallRecording.Event connect = rec.events("stream-connect").get(0);
    assertThat(connect.frame()).isGreaterThanOrEqualTo(greetingDone.frame());
    assertThat(call.snapshot().answeredBy()).contains("machine_end_beep");
  }

  private static boolean loud(JsonNode media) {
    byte[] payload = Base64.getDecoder().decode(media.path("media").path("payload").asText());
    return dev.parley.emulator.callee.LineLevel.meanLevel(payload, 0, payload.length) > 300;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(5);
    }
  }
}
