package dev.parley.emulator.callee;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.call.CallRecording;
import dev.parley.emulator.call.EmulatedCall;
import dev.parley.emulator.sdk.EmulatorTwilioClients;
import dev.parley.emulator.support.FakeMediaServer;
import dev.parley.emulator.support.WebhookRecorder;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * With offline speech on, the callee's lines are the audio module's synthesised words, and a
 * person's opening line waits for the Media Stream, however slow the application is to connect it.
 * Nothing here is timed: each wait is for an event of the call, bounded only so that a broken run
 * ends (the line is about a second of speech; two minutes is far beyond any load seen here).
 */
class OfflineVoiceTest {
  private static final long BOUND_NANOS = TimeUnit.MINUTES.toNanos(2);

  @Test
  void calleeSpeaksWithTheOfflineSynthesiser() throws Exception {
    try (TwilioEmulator twilio =
            TwilioEmulator.start(EmulatorConfig.defaults().withOfflineSpeech(true));
        WebhookRecorder control = new WebhookRecorder();
        FakeMediaServer media = new FakeMediaServer()) {
      EmulatedCall emulated = dialSam(twilio, control, media);
      awaitFinishedLine(emulated);
      byte[] said = emulated.recording().saidAudio();
      int voiced = 0;
      for (int i = 0; i + 160 <= said.length; i += 160) {
        if (LineLevel.meanLevel(said, i, 160) > 300) {
          voiced++;
        }
      }
      // "Hello, this is Sam." is about a second of speech: dozens of voiced 20 ms frames.
      assertThat(voiced).isGreaterThan(20);
      assertHeardByTheMediaServer(emulated.recording());
    }
  }

  @Test
  void theOpeningLineWaitsForAStreamSlowerThanTheWaitWithoutOne() throws Exception {
    try (TwilioEmulator twilio =
            TwilioEmulator.start(EmulatorConfig.defaults().withOfflineSpeech(true));
        WebhookRecorder control = new WebhookRecorder();
        FakeMediaServer media = new FakeMediaServer()) {
      // The application answers its TwiML fetch only once the call's own clock is past the
      // opening wait a call without a stream gets: what a loaded machine did (load 13).
      CountDownLatch release = new CountDownLatch(1);
      control.hold("/twiml", release);
      EmulatedCall emulated = dialSam(twilio, control, media);
      await(
          () ->
              emulated.recording().heardAudio().length / 160
                  > ScriptedCallee.OPENING_WAIT_FRAMES + 10,
          "the call's clock past the opening wait");
      assertThat(emulated.recording().events("callee"))
          .noneSatisfy(e -> assertThat(e.detail()).startsWith("says:"));
      release.countDown();
      awaitFinishedLine(emulated);
      assertHeardByTheMediaServer(emulated.recording());
    }
  }

  private static EmulatedCall dialSam(
      TwilioEmulator twilio, WebhookRecorder control, FakeMediaServer media) throws Exception {
    twilio.callees().register("+12125550107", CalleeBehaviour.human("Hello, this is Sam.").build());
    control.twiml(
        "/twiml", "<Response><Connect><Stream url=\"" + media.url() + "\"/></Connect></Response>");
    Call call =
        Call.creator(
                new PhoneNumber("+12125550107"),
                new PhoneNumber("+15005550006"),
                URI.create(control.url("/twiml")))
            .create(
                EmulatorTwilioClients.restClient(
                    twilio.baseUri(), twilio.config().accountSid(), twilio.config().authToken()));
    return twilio.call(call.getSid()).orElseThrow();
  }

  private static void awaitFinishedLine(EmulatedCall emulated) throws InterruptedException {
    await(
        () ->
            emulated.recording().events("callee").stream()
                .anyMatch(e -> e.detail().equals("finished line")),
        "the callee's line finished");
  }

  /** The opening line waited for the stream, so the media server heard all of it. */
  private static void assertHeardByTheMediaServer(CallRecording recording) {
    assertThat(recording.events("stream-start")).hasSize(1);
    assertThat(recording.events("stream-start").get(0).frame())
        .isLessThanOrEqualTo(
            recording.events("callee").stream()
                .filter(e -> e.detail().startsWith("says:"))
                .findFirst()
                .orElseThrow()
                .frame());
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + BOUND_NANOS;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within 2 minutes").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
