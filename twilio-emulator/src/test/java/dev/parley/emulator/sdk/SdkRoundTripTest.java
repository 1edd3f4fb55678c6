package dev.parley.emulator.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.support.WebhookRecorder;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Twilio SDK, unchanged, against the emulator through {@link EmulatorTwilioClients}.
 */
class SdkRoundTripTest {

  private TwilioEmulator twilio;
  private WebhookRecorder control;
  private TwilioRestClient client;

  @BeforeEach
  void start() throws Exception {
    twilio = TwilioEmulator.start(EmulatorConfig.defaults());
    control = new WebhookRecorder();
    control.twiml("/twiml", "<Response><Pause length=\"30\"/></Response>");
    client =
        EmulatorTwilioClients.restClient(
            twilio.baseUri(), twilio.config().accountSid(), twilio.config().authToken());
  }

  @AfterEach
  void stop() throws Exception {
    twilio.close();
    control.close();
  }

  @Test
  void createFetchAndHangUpThroughTheSdk() throws Exception {
    Call created =
        Call.creator(
                new PhoneNumber("+12125550100"),
                new PhoneNumber("+15005550006"),
                URI.create(control.url("/twiml")))
            .setStatusCallback(URI.create(control.url("/status")))
            .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
            .setMachineDetection("Enable")
            .setTimeout(30)
            .create(client);

    assertThat(created.getSid()).matches("CA[0-9a-f]{32}");
    assertThat(created.getAccountSid()).isEqualTo(twilio.config().accountSid());
    assertThat(created.getStatus()).isEqualTo(Call.Status.QUEUED);
    assertThat(created.getTo()).isEqualTo("+12125550100");
    assertThat(created.getFrom()).isEqualTo("+15005550006");
    assertThat(created.getDirection()).isEqualTo("outbound-api");
    assertThat(created.getDateCreated()).isNotNull();
    assertThat(created.getUri())
        .isEqualTo(
            "/2010-04-01/Accounts/"
                + twilio.config().accountSid()
                + "/Calls/"
                + created.getSid()
                + ".json");

    twilio.call(created.getSid()).orElseThrow();
    control.await(r -> "in-progress".equals(r.params().get("CallStatus")), 5000);

    Call fetched = Call.fetcher(created.getSid()).fetch(client);
    assertThat(fetched.getSid()).isEqualTo(created.getSid());
    assertThat(fetched.getStatus()).isEqualTo(Call.Status.IN_PROGRESS);
    assertThat(fetched.getStartTime()).isNotNull();
    assertThat(fetched.getAnsweredBy()).isEqualTo("human");

    Call hungUp =
        Call.updater(created.getSid()).setStatus(Call.UpdateStatus.COMPLETED).update(client);
    assertThat(hungUp.getStatus()).isEqualTo(Call.Status.COMPLETED);
    assertThat(hungUp.getEndTime()).isNotNull();
    assertThat(hungUp.getDuration()).isNotNull();

    Call after = Call.fetcher(created.getSid()).fetch(client);
    assertThat(after.getStatus()).isEqualTo(Call.Status.COMPLETED);
    assertThat(Integer.parseInt(after.getDuration())).isGreaterThanOrEqualTo(0);
  }

  @Test
  void cancelingARingingCallWithInlineTwiml() throws Exception {
    twilio
        .callees()
        .register(
            "+12125550111",
            dev.parley.emulator.callee.CalleeBehaviour.human("Hello?")
                .ringFor(java.time.Duration.ofSeconds(20))
                .build());
    Call created =
        Call.creator(
                new PhoneNumber("+12125550111"),
                new PhoneNumber("+15005550006"),
                new Twiml("<Response><Say>Hi</Say></Response>"))
            .create(client);
    var call = twilio.call(created.getSid()).orElseThrow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (call.snapshot().status() != dev.parley.emulator.call.CallStatus.RINGING
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Call canceled =
        Call.updater(created.getSid()).setStatus(Call.UpdateStatus.CANCELED).update(client);
    assertThat(canceled.getStatus()).isEqualTo(Call.Status.CANCELED);
    assertThat(canceled.getStartTime()).isNull();
  }

  @Test
  void fetchingAnUnknownCallIsTwilios20404() {
    assertThatThrownBy(() -> Call.fetcher("CA0123456789abcdef0123456789abcdef").fetch(client))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getCode()).isEqualTo(20404);
            });
  }

  @Test
  void invalidStatusCallbackEventIsRejectedWith21626() {
    assertThatThrownBy(
            () ->
                Call.creator(
                        new PhoneNumber("+12125550100"),
                        new PhoneNumber("+15005550006"),
                        URI.create(control.url("/twiml")))
                    .setStatusCallback(URI.create(control.url("/status")))
                    .setStatusCallbackEvent(List.of("answered", "exploded"))
                    .create(client))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getCode()).isEqualTo(21626);
              assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/21626");
            });
  }

  @Test
  void wrongAuthTokenIs401With20003() {
    TwilioRestClient wrong =
        EmulatorTwilioClients.restClient(
            twilio.baseUri(), twilio.config().accountSid(), "not-the-token");
    assertThatThrownBy(() -> Call.fetcher("CA0123456789abcdef0123456789abcdef").fetch(wrong))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(401);
              assertThat(e.getCode()).isEqualTo(20003);
            });
  }
}
