package dev.parley.emulator.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.security.RequestValidator;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.call.CallDirection;
import dev.parley.emulator.call.CallSnapshot;
import dev.parley.emulator.call.CallStatus;
import dev.parley.emulator.call.EmulatedCall;
import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.callee.LineLevel;
import dev.parley.emulator.sdk.EmulatorTwilioClients;
import dev.parley.emulator.support.FakeMediaServer;
import dev.parley.emulator.support.Tones;
import dev.parley.emulator.support.WebhookRecorder;
import dev.parley.emulator.support.WebhookRecorder.Received;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inbound calls: a simulated caller dials one of the account's numbers; the emulator asks a fake
 * "Parley" (signed webhook, real HTTP) what to do and runs its answer against a fake media server
 * (real WebSocket, real 20 ms pacing).
 */
class InboundCallTest {

  /** Parley's number, which the account owns. */
  private static final String PARLEY = "+12125550199";

  /** A test caller who waits for the receptionist's greeting, asks, answers, then hangs up. */
  private static final String CALLER = "+13105550107";

  private TwilioEmulator twilio;
  private WebhookRecorder parley;
  private FakeMediaServer media;
  private TwilioRestClient client;
  private RequestValidator validator;

  @BeforeEach
  void start() throws Exception {
    parley = new WebhookRecorder();
    media = new FakeMediaServer();
    twilio =
        TwilioEmulator.start(
            EmulatorConfig.defaults()
                .withIncomingNumber(
                    PARLEY, parley.url("/twilio/inbound"), parley.url("/twilio/status")));
    client =
        EmulatorTwilioClients.restClient(
            twilio.baseUri(), twilio.config().accountSid(), twilio.config().authToken());
    validator = new RequestValidator(twilio.config().authToken());
    twilio
        .callees()
        .register(
            CALLER,
            CalleeBehaviour.human(
                    "Hi, I would like to book a service for my car.", "Tuesday morning works.")
                .hangUp()
                .speaksFirst(false)
                .turnGap(Duration.ofMillis(300))
                .build());
  }

  @AfterEach
  void stop() throws Exception {
    twilio.close();
    media.close();
    parley.close();
  }

  private void answerWithStream() {
    parley.twiml(
        "/twilio/inbound",
        "<Response><Connect><Stream url=\""
            + media.url()
            + "\"><Parameter name=\"callId\" value=\"S-7\"/>"
            + "<Parameter name=\"direction\" value=\"inbound\"/>"
            + "<Parameter name=\"from\" value=\""
            + CALLER
            + "\"/><Parameter name=\"to\" value=\""
            + PARLEY
            + "\"/></Stream></Connect></Response>");
  }

  @Test
  void callerReachesParleyThroughASignedWebhookAndTalksOnTheStreamUntilHangingUp()
      throws Exception {
    answerWithStream();

    EmulatedCall call = twilio.placeInboundCall(CALLER, PARLEY);

    assertThat(call.sid()).matches("CA[0-9a-f]{32}");
    Received webhook = parley.await(r -> r.path().equals("/twilio/inbound"), 5000);
    assertThat(webhook.method()).isEqualTo("POST");
    assertThat(validator.validate(webhook.url(), webhook.params(), webhook.signature())).isTrue();
    assertThat(webhook.params())
        .containsEntry("CallSid", call.sid())
        .containsEntry("AccountSid", twilio.config().accountSid())
        .containsEntry("From", CALLER)
        .containsEntry("Caller", CALLER)
        .containsEntry("To", PARLEY)
        .containsEntry("Called", PARLEY)
        .containsEntry("CallStatus", "ringing")
        .containsEntry("Direction", "inbound")
        .containsEntry("ApiVersion", "2010-04-01")
        .containsEntry("FromCountry", "US")
        .containsEntry("ToCountry", "US");

    // The stream opens with Parley's parameters; the call is answered.
    JsonNode start = media.await(n -> n.path("event").asText().equals("start"), 5000);
    String streamSid = start.path("streamSid").asText();
    assertThat(start.path("start").path("callSid").asText()).isEqualTo(call.sid());
    assertThat(start.path("start").path("customParameters").path("from").asText())
        .isEqualTo(CALLER);
    assertThat(start.path("start").path("customParameters").path("direction").asText())
        .isEqualTo("inbound");
    assertThat(start.path("start").path("tracks").get(0).asText()).isEqualTo("inbound");
    assertThat(start.path("start").path("mediaFormat").path("encoding").asText())
        .isEqualTo("audio/x-mulaw");
    assertThat(call.snapshot().status()).isEqualTo(CallStatus.IN_PROGRESS);
    assertThat(call.snapshot().direction()).isEqualTo(CallDirection.INBOUND);

    // The caller waits for the receptionist: nothing loud until the greeting has been spoken.
    media.awaitCount("media", 20, 5000);
    assertThat(media.messages("media")).noneMatch(InboundCallTest::loud);

    // The receptionist's greeting, then silence: the caller says their first line.
    media.sendMedia(streamSid, Tones.tone(40, 8000));
    media.await(n -> n.path("event").asText().equals("media") && loud(n), 5000);
    await(() -> saysCount(call) == 1 && finishedLines(call) == 1);
    assertThat(call.recording().events("callee").get(0).detail())
        .isEqualTo("says: Hi, I would like to book a service for my car.");

    // Next turn: the second line; the turn after: the caller hangs up, the stream gets stop.
    media.sendMedia(streamSid, Tones.tone(40, 8000));
    await(() -> saysCount(call) == 2 && finishedLines(call) == 2);
    media.sendMedia(streamSid, Tones.tone(40, 8000));
    JsonNode stop = media.await(n -> n.path("event").asText().equals("stop"), 5000);
    assertThat(stop.path("streamSid").asText()).isEqualTo(streamSid);

    CallSnapshot ended = call.ended().get(5, TimeUnit.SECONDS);
    assertThat(ended.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(ended.durationSeconds()).get().matches(d -> d >= 1, "at least a second");

    Received completed = parley.await(r -> r.path().equals("/twilio/status"), 5000);
    assertThat(validator.validate(completed.url(), completed.params(), completed.signature()))
        .isTrue();
    assertThat(completed.params())
        .containsEntry("CallSid", call.sid())
        .containsEntry("CallStatus", "completed")
        .containsEntry("Direction", "inbound")
        .containsEntry("From", CALLER)
        .containsEntry("To", PARLEY)
        .containsEntry("SequenceNumber", "0")
        .containsEntry("CallDuration", Integer.toString(ended.durationSeconds().orElseThrow()))
        .containsKey("Timestamp");
    assertOneStatusCallback();

    // The REST API shows the call as Twilio does: direction inbound, from the caller.
    Call fetched = Call.fetcher(call.sid()).fetch(client);
    assertThat(fetched.getDirection()).isEqualTo("inbound");
    assertThat(fetched.getStatus()).isEqualTo(Call.Status.COMPLETED);
    assertThat(fetched.getFrom()).isEqualTo(CALLER);
    assertThat(fetched.getTo()).isEqualTo(PARLEY);
    assertThat(twilio.callRegistry().find(call.sid())).containsSame(call);
    // The recording holds what the caller heard (the receptionist's three turns) and said.
    assertThat(call.recording().heardAudioFrames()).isGreaterThanOrEqualTo(3 * 40);
    byte[] said = call.recording().saidAudio();
    int loudFrames = 0;
    for (int i = 0; i < said.length / 160; i++) {
      loudFrames += Tones.frameLevel(said, i) > 300 ? 1 : 0;
    }
    assertThat(loudFrames).as("frames of the caller's two lines").isGreaterThan(50);
  }

  @Test
  void parleyHangingUpOnTheRestApiStopsTheStreamAndCompletesOnce() throws Exception {
    answerWithStream();
    EmulatedCall call = twilio.placeInboundCall(CALLER, PARLEY);
    JsonNode start = media.await(n -> n.path("event").asText().equals("start"), 5000);

    Call.updater(call.sid()).setStatus(Call.UpdateStatus.COMPLETED).update(client);

    JsonNode stop = media.await(n -> n.path("event").asText().equals("stop"), 5000);
    assertThat(stop.path("streamSid").asText()).isEqualTo(start.path("streamSid").asText());
    assertThat(call.ended().get(5, TimeUnit.SECONDS).status()).isEqualTo(CallStatus.COMPLETED);
    parley.await(r -> r.path().equals("/twilio/status"), 5000);
    assertOneStatusCallback();
  }

  @Test
  void rejectBusyLeavesTheCallUnansweredAndBusy() throws Exception {
    parley.twiml("/twilio/inbound", "<Response><Reject reason=\"busy\"/></Response>");
    CallSnapshot ended = endedCall();
    assertThat(ended.status()).isEqualTo(CallStatus.BUSY);
    assertThat(ended.startTime()).isEmpty();
    assertThat(ended.durationSeconds()).contains(0);
    assertThat(statusCallback().params())
        .containsEntry("CallStatus", "busy")
        .containsEntry("CallDuration", "0");
    assertThat(twilio.streamCounters().streamsOpened()).isZero();
  }

  @Test
  void rejectWithoutReasonEndsAsNoAnswer() throws Exception {
    parley.twiml("/twilio/inbound", "<Response><Reject/><Say>never said</Say></Response>");
    CallSnapshot ended = endedCall();
    assertThat(ended.status()).isEqualTo(CallStatus.NO_ANSWER);
    assertThat(ended.startTime()).isEmpty();
    assertThat(statusCallback().params()).containsEntry("CallStatus", "no-answer");
  }

  @Test
  void hangupAnswersAndCompletes() throws Exception {
    parley.twiml("/twilio/inbound", "<Response><Hangup/></Response>");
    CallSnapshot ended = endedCall();
    assertThat(ended.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(ended.startTime()).isPresent();
    assertThat(statusCallback().params()).containsEntry("CallStatus", "completed");
  }

  @Test
  void rejectAfterAnsweringHangsUp() throws Exception {
    parley.twiml("/twilio/inbound", "<Response><Pause length=\"0\"/><Reject/></Response>");
    CallSnapshot ended = endedCall();
    assertThat(ended.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(ended.startTime()).isPresent();
  }

  @Test
  void webhookAnsweringServerErrorFailsTheCall() throws Exception {
    parley.status("/twilio/inbound", 500);
    CallSnapshot ended = endedCall();
    assertThat(ended.status()).isEqualTo(CallStatus.FAILED);
    assertThat(statusCallback().params()).containsEntry("CallStatus", "failed");
  }

  @Test
  void invalidTwimlFailsTheCall() throws Exception {
    parley.twiml("/twilio/inbound", "<Response><Reject reason=\"later\"/></Response>");
    assertThat(endedCall().status()).isEqualTo(CallStatus.FAILED);
  }

  @Test
  void unreachableWebhookFailsTheCall() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    twilio
        .incomingNumbers()
        .configure(
            PARLEY,
            "http://127.0.0.1:" + closedPort + "/twilio/inbound",
            parley.url("/twilio/status"));
    CallSnapshot ended = endedCall();
    assertThat(ended.status()).isEqualTo(CallStatus.FAILED);
    assertThat(statusCallback().params()).containsEntry("CallStatus", "failed");
  }

  @Test
  void aNumberTheAccountDoesNotOwnCannotBeCalled() {
    assertThatThrownBy(() -> twilio.placeInboundCall(CALLER, "+12125550100"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("+12125550100");
    assertThat(twilio.calls()).isEmpty();
  }

  private CallSnapshot endedCall() throws Exception {
    EmulatedCall call = twilio.placeInboundCall(CALLER, PARLEY);
    return call.ended().get(10, TimeUnit.SECONDS);
  }

  private Received statusCallback() throws Exception {
    Received r = parley.await(x -> x.path().equals("/twilio/status"), 5000);
    assertThat(validator.validate(r.url(), r.params(), r.signature())).isTrue();
    assertThat(r.params()).containsEntry("Direction", "inbound");
    assertOneStatusCallback();
    return r;
  }

  /** The call ended once: a later duplicate would have had time to arrive. */
  private void assertOneStatusCallback() throws InterruptedException {
    Thread.sleep(300);
    assertThat(parley.received("/twilio/status")).hasSize(1);
  }

  private static long saysCount(EmulatedCall call) {
    return call.recording().events("callee").stream()
        .filter(e -> e.detail().startsWith("says: "))
        .count();
  }

  private static long finishedLines(EmulatedCall call) {
    return call.recording().events("callee").stream()
        .filter(e -> e.detail().equals("finished line"))
        .count();
  }

  private static boolean loud(JsonNode media) {
    byte[] payload = Base64.getDecoder().decode(media.path("media").path("payload").asText());
    return LineLevel.meanLevel(payload, 0, payload.length) > 300;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }
}
