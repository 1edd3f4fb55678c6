package dev.parley.emulator.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.type.PhoneNumber;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.call.CallStatus;
import dev.parley.emulator.number.IncomingNumber;
import dev.parley.emulator.sdk.EmulatorTwilioClients;
import dev.parley.emulator.support.WebhookRecorder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official SDK's IncomingPhoneNumber API against the emulator: the control plane can point its
 * number's Voice URL at itself exactly as it would on Twilio, and inbound calls then go there.
 */
class IncomingNumbersApiTest {

  private static final String NUMBER = "+12125550199";

  private TwilioEmulator twilio;
  private WebhookRecorder parley;
  private TwilioRestClient client;

  @BeforeEach
  void start() throws Exception {
    parley = new WebhookRecorder();
    twilio =
        TwilioEmulator.start(
            EmulatorConfig.defaults().withIncomingNumber(NUMBER, parley.url("/old"), null));
    client =
        EmulatorTwilioClients.restClient(
            twilio.baseUri(), twilio.config().accountSid(), twilio.config().authToken());
  }

  @AfterEach
  void stop() {
    twilio.close();
    parley.close();
  }

  @Test
  void theSdkFindsAndRepointsANumberAndInboundCallsFollow() throws Exception {
    List<IncomingPhoneNumber> found = list(IncomingPhoneNumber.reader().setPhoneNumber(NUMBER));
    assertThat(found).hasSize(1);
    IncomingPhoneNumber n = found.get(0);
    assertThat(n.getSid()).isEqualTo(IncomingNumber.sidFor(NUMBER));
    assertThat(n.getVoiceUrl()).isEqualTo(URI.create(parley.url("/old")));
    assertThat(n.getStatusCallback()).isNull();

    IncomingPhoneNumber updated =
        IncomingPhoneNumber.updater(n.getSid())
            .setVoiceUrl(URI.create(parley.url("/twilio/inbound")))
            .setStatusCallback(URI.create(parley.url("/twilio/status")))
            .update(client);
    assertThat(updated.getVoiceUrl()).isEqualTo(URI.create(parley.url("/twilio/inbound")));
    assertThat(updated.getVoiceMethod()).isEqualTo(HttpMethod.POST);
    assertThat(IncomingPhoneNumber.fetcher(n.getSid()).fetch(client).getStatusCallback())
        .isEqualTo(URI.create(parley.url("/twilio/status")));

    parley.twiml("/twilio/inbound", "<Response><Hangup/></Response>");
    var call = twilio.placeInboundCall("+13105550107", NUMBER);
    assertThat(call.ended().get(10, TimeUnit.SECONDS).status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(parley.received("/twilio/inbound")).hasSize(1);
    assertThat(parley.received("/old")).isEmpty();
    parley.await(r -> r.path().equals("/twilio/status"), 5000);
  }

  @Test
  void provisionsListsAndReleasesNumbers() {
    IncomingPhoneNumber created =
        IncomingPhoneNumber.creator(new PhoneNumber("+13125550100"))
            .setVoiceUrl(URI.create(parley.url("/voice")))
            .create(client);
    assertThat(created.getPhoneNumber().toString()).isEqualTo("+13125550100");
    assertThat(twilio.incomingNumbers().find("+13125550100")).isPresent();
    assertThat(list(IncomingPhoneNumber.reader()))
        .extracting(x -> x.getPhoneNumber().toString())
        .containsExactly("+12125550199", "+13125550100");

    assertThat(IncomingPhoneNumber.deleter(created.getSid()).delete(client)).isTrue();
    assertThat(twilio.incomingNumbers().find("+13125550100")).isEmpty();
    assertThatThrownBy(() -> twilio.placeInboundCall("+13105550107", "+13125550100"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesWhatCannotRouteACall() {
    assertThatThrownBy(
            () -> IncomingPhoneNumber.creator(new PhoneNumber("+13125550100")).create(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21205));
    assertThatThrownBy(
            () ->
                IncomingPhoneNumber.updater(IncomingNumber.sidFor(NUMBER))
                    .setVoiceUrl("ftp://nowhere/x")
                    .update(client))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21205));
    assertThatThrownBy(
            () -> IncomingPhoneNumber.fetcher(IncomingNumber.sidFor("+19995550100")).fetch(client))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    // Nothing changed by the refused update.
    assertThat(twilio.incomingNumbers().find(NUMBER).orElseThrow().voiceUrl())
        .isEqualTo(parley.url("/old"));
  }

  private List<IncomingPhoneNumber> list(
      com.twilio.rest.api.v2010.account.IncomingPhoneNumberReader r) {
    List<IncomingPhoneNumber> out = new ArrayList<>();
    ResourceSet<IncomingPhoneNumber> set = r.read(client);
    set.forEach(out::add);
    return out;
  }
}
