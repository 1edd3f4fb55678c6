package dev.parley.emulator.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.call.CallStatus;
import dev.parley.emulator.call.EmulatedCall;
import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.support.FakeMediaServer;
import dev.parley.emulator.support.Tones;
import dev.parley.emulator.support.WebhookRecorder;
import dev.parley.emulator.support.WebhookRecorder.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many callers ring the same number at once (a receptionist's busy hour): every call gets its own
 * webhook, stream and exactly one final callback, and nothing is lost or doubled.
 */
class ConcurrentInboundCallsTest {

  private static final String PARLEY = "+12125550199";
  // Modest, as in ConcurrentCallsTest: the paranoid leak detector makes every buffer access slow.
  private static final int CALLERS = 8;

  @Test
  void simultaneousCallersEachGetOneWebhookOneStreamAndOneCallback() throws Exception {
    try (WebhookRecorder parley = new WebhookRecorder();
        FakeMediaServer media = new FakeMediaServer();
        TwilioEmulator twilio =
            TwilioEmulator.start(
                EmulatorConfig.defaults()
                    .withHeardRecordingLimit(Duration.ZERO)
                    .withIncomingNumber(
                        PARLEY, parley.url("/twilio/inbound"), parley.url("/twilio/status")))) {
      parley.twiml(
          "/twilio/inbound",
          "<Response><Connect><Stream url=\"" + media.url() + "\"/></Connect></Response>");
      List<String> callers = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        String caller = String.format("+1312555%04d", 100 + i);
        callers.add(caller);
        // Each caller hangs up once the receptionist has said something.
        twilio
            .callees()
            .register(
                caller,
                CalleeBehaviour.human()
                    .speaksFirst(false)
                    .turnGap(Duration.ofMillis(200))
                    .hangUp()
                    .build());
      }

      ExecutorService threads = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<EmulatedCall>> placing = new ArrayList<>();
      for (String caller : callers) {
        placing.add(
            threads.submit(
                () -> {
                  go.await();
                  return twilio.placeInboundCall(caller, PARLEY);
                }));
      }
      go.countDown();
      List<EmulatedCall> calls = new ArrayList<>();
      for (Future<EmulatedCall> f : placing) {
        calls.add(f.get(10, TimeUnit.SECONDS));
      }
      threads.shutdown();
      Set<String> sids = calls.stream().map(EmulatedCall::sid).collect(Collectors.toSet());
      assertThat(sids).hasSize(CALLERS);

      media.awaitCount("start", CALLERS, 60_000);
      for (JsonNode start : media.messages("start")) {
        media.sendMedia(start.path("streamSid").asText(), Tones.tone(10, 8000));
      }
      for (EmulatedCall call : calls) {
        assertThat(call.ended().get(30, TimeUnit.SECONDS).status()).isEqualTo(CallStatus.COMPLETED);
      }

      List<Received> webhooks = parley.received("/twilio/inbound");
      assertThat(webhooks).hasSize(CALLERS);
      assertThat(webhooks.stream().map(r -> r.params().get("CallSid")).collect(Collectors.toSet()))
          .isEqualTo(sids);
      assertThat(webhooks.stream().map(r -> r.params().get("From")).collect(Collectors.toSet()))
          .containsExactlyInAnyOrderElementsOf(callers);

      media.awaitCount("stop", CALLERS, 30_000);
      assertThat(
              media.messages("start").stream()
                  .map(n -> n.path("start").path("callSid").asText())
                  .collect(Collectors.toSet()))
          .isEqualTo(sids);
      assertThat(media.messages("stop")).hasSize(CALLERS);
      assertThat(
              media.messages("stop").stream()
                  .map(JsonNode::toString)
                  .map(s -> s.replaceAll(".*\"callSid\":\"(CA[0-9a-f]+)\".*", "$1"))
                  .collect(Collectors.toSet()))
          .isEqualTo(sids);

      parley.await(
          r -> parley.received("/twilio/status").size() >= CALLERS, TimeUnit.SECONDS.toMillis(10));
      Thread.sleep(300);
      List<Received> callbacks = parley.received("/twilio/status");
      assertThat(callbacks).hasSize(CALLERS);
      assertThat(callbacks.stream().map(r -> r.params().get("CallSid")).collect(Collectors.toSet()))
          .isEqualTo(sids);
      assertThat(callbacks).allMatch(r -> "completed".equals(r.params().get("CallStatus")));
      assertThat(twilio.callRegistry().activeCount()).isZero();
    }
  }
}
