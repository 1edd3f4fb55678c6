package dev.parley.emulator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.call.CallStatus;
import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.sdk.EmulatorTwilioClients;
import dev.parley.emulator.support.FakeMediaServer;
import dev.parley.emulator.support.Tones;
import dev.parley.emulator.support.WebhookRecorder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many calls at once on the shared event loops and media clock: every stream gets its own
 * contiguous media sequence, its own marks back, and nothing crosses between calls.
 */
class ConcurrentCallsTest {

  // Modest on purpose: tests run with Netty's paranoid leak detector, which records a stack trace
  // on every buffer access; LoadProbeTest measures real scale with it off.
  private static final int CALLS = 8;

  @Test
  void manySimultaneousCallsKeepTheirStreamsApart() throws Exception {
    // Closed in reverse: the emulator first, so no stream outlives the servers it talks to.
    try (FakeMediaServer media = new FakeMediaServer();
        WebhookRecorder control = new WebhookRecorder();
        TwilioEmulator twilio =
            TwilioEmulator.start(
                EmulatorConfig.defaults().withHeardRecordingLimit(Duration.ZERO))) {
      twilio.callees().register("+12125550106", CalleeBehaviour.human().build());
      control.twiml(
          "/twiml",
          "<Response><Connect><Stream url=\"" + media.url() + "\"/></Connect></Response>");
      TwilioRestClient client =
          EmulatorTwilioClients.restClient(
              twilio.baseUri(), twilio.config().accountSid(), twilio.config().authToken());

      ExecutorService dialers = Executors.newFixedThreadPool(8);
      List<Future<String>> dialed = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        dialed.add(
            dialers.submit(
                () ->
                    Call.creator(
                            new PhoneNumber("+12125550106"),
                            new PhoneNumber("+15005550006"),
                            URI.create(control.url("/twiml")))
                        .create(client)
                        .getSid()));
      }
      List<String> sids = new ArrayList<>();
      for (Future<String> f : dialed) {
        sids.add(f.get(30, TimeUnit.SECONDS));
      }
      dialers.shutdown();
      assertThat(Set.copyOf(sids)).hasSize(CALLS);

      media.awaitCount("start", CALLS, 60_000);
      Map<String, String> streamOfCall = new HashMap<>();
      for (JsonNode start : media.messages("start")) {
        streamOfCall.put(
            start.path("start").path("callSid").asText(), start.path("streamSid").asText());
      }
      assertThat(streamOfCall.keySet()).containsExactlyInAnyOrderElementsOf(sids);

      for (Map.Entry<String, String> e : streamOfCall.entrySet()) {
        media.sendMedia(e.getValue(), Tones.tone(5, 8000));
        media.sendMark(e.getValue(), "mark-" + e.getKey());
      }
      media.awaitCount("mark", CALLS, 60_000);
      for (JsonNode mark : media.messages("mark")) {
        String streamSid = mark.path("streamSid").asText();
        String callSid = mark.path("mark").path("name").asText().substring(5);
        assertThat(streamOfCall.get(callSid)).isEqualTo(streamSid);
      }

      for (String sid : sids) {
        twilio.call(sid).orElseThrow().hangUp(CallStatus.COMPLETED).get(5, TimeUnit.SECONDS);
      }
      media.awaitCount("stop", CALLS, 60_000);

      // Per stream: media sequence numbers and chunks are contiguous, nothing lost or doubled.
      Map<String, List<JsonNode>> mediaByStream = new HashMap<>();
      for (JsonNode m : media.messages("media")) {
        mediaByStream.computeIfAbsent(m.path("streamSid").asText(), k -> new ArrayList<>()).add(m);
      }
      assertThat(mediaByStream).hasSize(CALLS);
      for (List<JsonNode> frames : mediaByStream.values()) {
        for (int i = 0; i < frames.size(); i++) {
          assertThat(frames.get(i).path("media").path("chunk").asText())
              .isEqualTo(Integer.toString(i + 1));
        }
      }
      assertThat(twilio.streamCounters().streamsOpened()).isEqualTo(CALLS);
      assertThat(twilio.streamCounters().protocolErrors()).isZero();
      assertThat(twilio.callRegistry().activeCount()).isZero();
    }
  }
}
