package dev.parley.emulator.callee;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.call.EmulatedCall;
import dev.parley.emulator.sdk.EmulatorTwilioClients;
import dev.parley.emulator.support.FakeMediaServer;
import dev.parley.emulator.support.WebhookRecorder;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With offline speech on, the callee's lines are the audio module's synthesised words. */
class OfflineVoiceTest {

  @Test
  void calleeSpeaksWithTheOfflineSynthesiser() throws Exception {
    try (TwilioEmulator twilio =
            TwilioEmulator.start(EmulatorConfig.defaults().withOfflineSpeech(true));
        WebhookRecorder control = new WebhookRecorder();
        FakeMediaServer media = new FakeMediaServer()) {
      twilio
          .callees()
          .register("+12125550107", CalleeBehaviour.human("Hello, this is Sam.").build());
      control.twiml(
          "/twiml",
          "<Response><Connect><Stream url=\"" + media.url() + "\"/></Connect></Response>");
      Call call =
          Call.creator(
                  new PhoneNumber("+12125550107"),
                  new PhoneNumber("+15005550006"),
                  URI.create(control.url("/twiml")))
              .create(
                  EmulatorTwilioClients.restClient(
                      twilio.baseUri(), twilio.config().accountSid(), twilio.config().authToken()));
      EmulatedCall emulated = twilio.call(call.getSid()).orElseThrow();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (emulated.recording().events("callee").stream()
              .noneMatch(e -> e.detail().equals("finished line"))
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      byte[] said = emulated.recording().saidAudio();
      int voiced = 0;
      for (int i = 0; i + 160 <= said.length; i += 160) {
        if (LineLevel.meanLevel(said, i, 160) > 300) {
          voiced++;
        }
      }
      // "Hello, this is Sam." is about a second of speech: dozens of voiced 20 ms frames.
      assertThat(voiced).isGreaterThan(20);
      // The opening line waited for the stream, so the media server heard it.
      assertThat(emulated.recording().events("stream-start")).hasSize(1);
      assertThat(emulated.recording().events("stream-start").get(0).frame())
          .isLessThanOrEqualTo(
              emulated.recording().events("callee").stream()
                  .filter(e -> e.detail().startsWith("says:"))
                  .findFirst()
                  .orElseThrow()
                  .frame());
    }
  }
}
