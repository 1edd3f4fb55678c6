package dev.parley.emulator.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.sdk.EmulatorTwilioClients;
import dev.parley.emulator.support.WebhookRecorder;
import dev.parley.emulator.support.WebhookRecorder.Received;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status callbacks: signed like Twilio's, in sequence, subscribed events only, and outcomes. */
class StatusCallbackTest {

  private TwilioEmulator twilio;
  private WebhookRecorder control;
  private TwilioRestClient client;
  private RequestValidator validator;

  @BeforeEach
  void start() throws Exception {
    twilio = TwilioEmulator.start(EmulatorConfig.defaults());
    control = new WebhookRecorder();
    client =
        EmulatorTwilioClients.restClient(
            twilio.baseUri(), twilio.config().accountSid(), twilio.config().authToken());
    validator = new RequestValidator(twilio.config().authToken());
  }

  @AfterEach
  void stop() throws Exception {
    twilio.close();
    control.close();
  }

  private Call dial(String to, String... events) {
    return Call.creator(
            new PhoneNumber(to), new PhoneNumber("+15005550006"), URI.create(control.url("/twiml")))
        .setStatusCallback(URI.create(control.url("/status")))
        .setStatusCallbackEvent(List.of(events))
        .setTimeout(1)
        .create(client);
  }

  private List<Received> awaitTerminal(String sid) throws Exception {
    twilio.call(sid).orElseThrow().ended().get(10, TimeUnit.SECONDS);
    control.await(r -> r.path().equals("/status") && "completed".equals(callbackEvent(r)), 5000);
    return control.received("/status");
  }

  /** Which event a callback reports (Twilio sends the status, not the event name). */
  private static String callbackEvent(Received r) {
    String s = r.params().get("CallStatus");
    return switch (s) {
      case "initiated" -> "initiated";
      case "ringing" -> "ringing";
      case "in-progress" -> "answered";
      default -> "completed";
    };
  }

  @Test
  void answeredCallSendsSignedCallbacksInSequenceEndingInCompletedWithDuration() throws Exception {
    twilio
        .callees()
        .register(
            "+12125550101",
            CalleeBehaviour.human("Hello?").hangUpAfter(Duration.ofMillis(1200)).build());
    control.twiml("/twiml", "<Response><Pause length=\"10\"/></Response>");
    Call call = dial("+12125550101", "initiated", "ringing", "answered", "completed");

    List<Received> callbacks = awaitTerminal(call.getSid());

    assertThat(WebhookRecorder.values(callbacks, "CallStatus"))
        .containsExactly("initiated", "ringing", "in-progress", "completed");
    assertThat(WebhookRecorder.values(callbacks, "SequenceNumber"))
        .containsExactly("0", "1", "2", "3");
    for (Received r : callbacks) {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.signature()).isNotBlank();
      assertThat(validator.validate(r.url(), r.params(), r.signature()))
          .as("signature of %s", r.params())
          .isTrue();
      assertThat(r.params())
          .containsEntry("CallSid", call.getSid())
          .containsEntry("AccountSid", twilio.config().accountSid())
          .containsEntry("From", "+15005550006")
          .containsEntry("To", "+12125550101")
          .containsEntry("Direction", "outbound-api")
          .containsEntry("ApiVersion", "2010-04-01")
          .containsKey("Timestamp");
    }
    Received completed = callbacks.get(3);
    assertThat(Integer.parseInt(completed.params().get("CallDuration"))).isGreaterThanOrEqualTo(1);
    // Tampering breaks the signature: the validator really checks the parameters.
    var tampered = new java.util.HashMap<>(completed.params());
    tampered.put("CallStatus", "busy");
    assertThat(validator.validate(completed.url(), tampered, completed.signature())).isFalse();

    Received twimlFetch = control.received("/twiml").get(0);
    assertThat(validator.validate(twimlFetch.url(), twimlFetch.params(), twimlFetch.signature()))
        .isTrue();
    assertThat(twimlFetch.params()).containsEntry("CallStatus", "in-progress");
  }

  @Test
  void onlySubscribedEventsAreSentAndCompletedIsTheDefault() throws Exception {
    control.twiml("/twiml", "<Response><Hangup/></Response>");
    Call call =
        Call.creator(
                new PhoneNumber("+12125550102"),
                new PhoneNumber("+15005550006"),
                URI.create(control.url("/twiml")))
            .setStatusCallback(URI.create(control.url("/status")))
            .create(client);
    List<Received> callbacks = awaitTerminal(call.getSid());
    assertThat(WebhookRecorder.values(callbacks, "CallStatus")).containsExactly("completed");
    assertThat(WebhookRecorder.values(callbacks, "SequenceNumber")).containsExactly("0");
  }

  @Test
  void busyEndsWithoutRingingTwimlOrStream() throws Exception {
    Call call = dial("+12125550130", "initiated", "ringing", "answered", "completed");
    List<Received> callbacks = awaitTerminal(call.getSid());
    assertThat(WebhookRecorder.values(callbacks, "CallStatus"))
        .containsExactly("initiated", "busy");
    assertThat(callbacks.get(1).params()).containsEntry("CallDuration", "0");
    assertThat(control.received("/twiml")).isEmpty();
    assertThat(Call.fetcher(call.getSid()).fetch(client).getStatus()).isEqualTo(Call.Status.BUSY);
    assertThat(twilio.streamCounters().streamsOpened()).isZero();
  }

  @Test
  void noAnswerRingsUntilTheTimeout() throws Exception {
    Call call = dial("+12125550140", "initiated", "ringing", "answered", "completed");
    List<Received> callbacks = awaitTerminal(call.getSid());
    assertThat(WebhookRecorder.values(callbacks, "CallStatus"))
        .containsExactly("initiated", "ringing", "no-answer");
    assertThat(control.received("/twiml")).isEmpty();
    Call fetched = Call.fetcher(call.getSid()).fetch(client);
    assertThat(fetched.getStatus()).isEqualTo(Call.Status.NO_ANSWER);
    assertThat(fetched.getStartTime()).isNull();
    assertThat(twilio.streamCounters().streamsOpened()).isZero();
  }

  @Test
  void unreachableNumberFails() throws Exception {
    Call call = dial("+12125550199", "initiated", "ringing", "answered", "completed");
    List<Received> callbacks = awaitTerminal(call.getSid());
    assertThat(WebhookRecorder.values(callbacks, "CallStatus"))
        .containsExactly("initiated", "failed");
    assertThat(control.received("/twiml")).isEmpty();
  }

  @Test
  void machineDetectionReportsAnsweredByOnCallbacksAndTwimlFetch() throws Exception {
    control.twiml("/twiml", "<Response><Hangup/></Response>");
    Call call =
        Call.creator(
                new PhoneNumber("+12125550120"),
                new PhoneNumber("+15005550006"),
                URI.create(control.url("/twiml")))
            .setStatusCallback(URI.create(control.url("/status")))
            .setStatusCallbackEvent(List.of("answered", "completed"))
            .setMachineDetection("Enable")
            .create(client);
    List<Received> callbacks = awaitTerminal(call.getSid());
    assertThat(WebhookRecorder.values(callbacks, "AnsweredBy"))
        .containsExactly("machine_start", "machine_start");
    assertThat(control.received("/twiml").get(0).params())
        .containsEntry("AnsweredBy", "machine_start");
  }
}
