package dev.parley.media.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.speech.SpeechToText;
import dev.parley.media.testing.MediaTestRig;
import dev.parley.media.testing.TestSpeech;
import dev.parley.media.testing.TwilioStreamClient;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stream the control plane did not describe (no SESSION_START) still tells the recogniser who the
 * other party is, from the stream's parameters: the caller on an inbound call, the callee on an
 * outbound one.
 */
class RecogniserRemoteNumberTest {

  private static String remoteNumberHeard(Map<String, String> parameters) throws Exception {
    CompletableFuture<SpeechToText.CallInfo> opened = new CompletableFuture<>();
    SpeechToText recorder =
        (call, listener) -> {
          opened.complete(call);
          return new SpeechToText.Session() {
            @Override
            public void sendAudio(byte[] mulaw, int off, int len, long sampleIndex) {}

            @Override
            public void close() {}
          };
        };
    try (MediaTestRig rig = MediaTestRig.start(c -> c, recorder, TestSpeech.tts())) {
      UUID call = UUID.randomUUID();
      try (TwilioStreamClient twilio = rig.stream(call)) {
        twilio.start(MediaTestRig.token(call), parameters);
        return opened.get(10, TimeUnit.SECONDS).remoteNumber();
      }
    }
  }

  @Test
  void anInboundCallsOtherPartyIsTheCaller() throws Exception {
    assertThat(
            remoteNumberHeard(
                Map.of("direction", "inbound", "from", "+12125550107", "to", "+15005550006")))
        .isEqualTo("+12125550107");
  }

  @Test
  void anOutboundCallsOtherPartyIsTheCallee() throws Exception {
    assertThat(
            remoteNumberHeard(
                Map.of("direction", "outbound", "from", "+15005550006", "to", "+12125550101")))
        .isEqualTo("+12125550101");
  }
}
