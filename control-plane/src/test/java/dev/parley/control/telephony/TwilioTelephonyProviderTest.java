package dev.parley.control.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dials through the real Twilio SDK against a local server and checks exactly what Twilio's API
 * receives.
 */
class TwilioTelephonyProviderTest {
  FakeTwilioApi api;
  TwilioTelephonyProvider provider;

  @BeforeEach
  void start() throws Exception {
    api = new FakeTwilioApi();
    provider = new TwilioTelephonyProvider(TestTelephony.config(api.baseUrl()));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void createsTheCallWithEveryFormFieldTwilioNeeds() throws Exception {
    UUID session = UUID.fromString("6f1c1f43-0b41-4a7e-9a55-3f0e1f6c2d10");
    String sid =
        provider.dial(
            new DialRequest(session, UUID.randomUUID(), 1, "tok-1", "+12125550123", null, true));

    assertThat(sid).isEqualTo("CA0123456789abcdef0123456789abcdef");
    assertThat(api.received).hasSize(1);
    FakeTwilioApi.Received r = api.received.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + TestTelephony.SID + "/Calls.json");
    assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
    assertThat(r.authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (TestTelephony.SID + ":" + TestTelephony.TOKEN)
                            .getBytes(StandardCharsets.UTF_8)));
    assertThat(r.form())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "To", List.of("+12125550123"),
                "From", List.of("+15005550006"),
                "Url", List.of("https://parley.example.com/base/twilio/voice/" + session),
                "Method", List.of("POST"),
                "StatusCallback",
                    List.of("https://parley.example.com/base/twilio/status/" + session),
                "StatusCallbackMethod", List.of("POST"),
                "StatusCallbackEvent", List.of("initiated", "ringing", "answered", "completed"),
                "Timeout", List.of("25"),
                "CallerId", List.of("+15005550006"),
                "MachineDetection", List.of("DetectMessageEnd")));
  }

  @Test
  void hangsUpByUpdatingTheCallToCompleted() throws Exception {
    api.responder =
        r -> new FakeTwilioApi.Answer(200, "{\"sid\": \"CAabc\", \"status\": \"completed\"}");
    provider.hangUp("CAabc");
    FakeTwilioApi.Received r = api.received.get(0);
    assertThat(r.path())
        .isEqualTo("/2010-04-01/Accounts/" + TestTelephony.SID + "/Calls/CAabc.json");
    assertThat(r.form()).containsExactlyEntriesOf(Map.of("Status", List.of("completed")));
  }

  @Test
  void classifiesTwilioErrors() {
    api.responder =
        r ->
            new FakeTwilioApi.Answer(
                400,
                "{\"code\": 21211, \"message\": \"Invalid 'To' Phone Number\", \"status\": 400}");
    assertThatThrownBy(
            () ->
                provider.dial(
                    new DialRequest(
                        UUID.randomUUID(), UUID.randomUUID(), 1, "t", "+1999", null, false)))
        .isInstanceOfSatisfying(
            TelephonyException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(TelephonyException.Kind.WRONG_NUMBER);
              assertThat(e.providerCode()).isEqualTo(21211);
            });
    api.responder =
        r ->
            new FakeTwilioApi.Answer(
                401, "{\"code\": 20003, \"message\": \"Authenticate\", \"status\": 401}");
    assertThatThrownBy(
            () ->
                provider.dial(
                    new DialRequest(
                        UUID.randomUUID(), UUID.randomUUID(), 1, "t", "+12125550123", null, false)))
        .isInstanceOfSatisfying(
            TelephonyException.class,
            e -> assertThat(e.kind()).isEqualTo(TelephonyException.Kind.CONFIGURATION));
    api.responder =
        r ->
            new FakeTwilioApi.Answer(
                429, "{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}");
    assertThatThrownBy(
            () ->
                provider.dial(
                    new DialRequest(
                        UUID.randomUUID(), UUID.randomUUID(), 1, "t", "+12125550123", null, false)))
        .isInstanceOfSatisfying(
            TelephonyException.class,
            e -> assertThat(e.kind()).isEqualTo(TelephonyException.Kind.TRANSIENT));
  }

  @Test
  void anUnreachableApiIsATransientFailure() {
    api.close();
    assertThatThrownBy(
            () ->
                provider.dial(
                    new DialRequest(
                        UUID.randomUUID(), UUID.randomUUID(), 1, "t", "+12125550123", null, false)))
        .isInstanceOfSatisfying(
            TelephonyException.class,
            e -> assertThat(e.kind()).isEqualTo(TelephonyException.Kind.TRANSIENT));
  }
}
