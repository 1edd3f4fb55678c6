package dev.parley.media.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.testing.MediaTestRig;
import dev.parley.media.testing.TwilioStreamClient;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import dev.parley.protocol.UtterancePlayed;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A call through real sockets: greeting on start, then each way a call can end, exactly once. */
class GreetingAndTeardownTest {

  /** How long a test waits for what must happen: a bound on a hung test, not a timing claim. */
  private static final Duration LIVENESS = Duration.ofSeconds(30);

  private static MediaTestRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig = MediaTestRig.start(c -> c.withInactivityTimeout(Duration.ofMillis(600)));
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @Test
  void greetingPlaysOnStartAndStopEndsTheCallOnce() throws Exception {
    UUID call = rig.newCall("Hello, this is Parley calling about your appointment.");
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(new byte[0], Double.NaN, 0);
      assertThat(TwilioStreamClient.await(() -> twilio.receivedMedia() > 0, LIVENESS.toMillis()))
          .isTrue();
      UtterancePlayed played =
          rig.control.await(
              UtterancePlayed.class, u -> u.callId().equals(call), Duration.ofSeconds(10));
      assertThat(played.utteranceId()).isEqualTo(CallSession.GREETING_UTTERANCE);
      assertThat(played.complete()).isTrue();
      // Everything we sent was played by the emulated Twilio, in 20 ms frames.
      assertThat(played.msPlayed())
          .isBetween(twilio.receivedMedia() * 20 - 20, twilio.receivedMedia() * 20);
      assertThat(twilio.playedAudioFrames()).isEqualTo(twilio.receivedMedia());
      assertThat(twilio.marksEchoed()).isNotEmpty();
      assertThat(twilio.received())
          .doesNotContain("WRONG_SID")
          .noneMatch(s -> s.startsWith("UNEXPECTED"));
      short[] audio = twilio.played();
      long energy = 0;
      for (short s : audio) {
        energy += (long) s * s;
      }
      assertThat(energy).as("the greeting is audible").isGreaterThan(0);

      twilio.stop();
      SessionEnd end =
          rig.control.await(SessionEnd.class, e -> e.callId().equals(call), Duration.ofSeconds(5));
      assertThat(end.reason()).isEqualTo(SessionEndReason.REMOTE_HANGUP);
      assertThat(twilio.closeStatus().get(5, java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo(1000);
      Thread.sleep(200);
      assertThat(rig.control.messages(SessionEnd.class))
          .filteredOn(e -> e.callId().equals(call))
          .hasSize(1);
      CallStats stats = rig.control.await(CallStats.class, s -> s.callId().equals(call), LIVENESS);
      assertThat(stats.framesOut()).isEqualTo(twilio.receivedMedia());
      assertThat(stats.framesIn()).isPositive();
    }
  }

  @Test
  void abruptCloseEndsTheCallOnce() throws Exception {
    UUID call = rig.newCall("");
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(new byte[0], Double.NaN, 0);
      TwilioStreamClient.await(() -> rig.server.calls().activeCount() > 0, LIVENESS.toMillis());
      twilio.abort();
      SessionEnd end =
          rig.control.await(SessionEnd.class, e -> e.callId().equals(call), Duration.ofSeconds(5));
      assertThat(end.reason()).isEqualTo(SessionEndReason.STREAM_CLOSED);
      Thread.sleep(200);
      assertThat(rig.control.messages(SessionEnd.class))
          .filteredOn(e -> e.callId().equals(call))
          .hasSize(1);
    }
  }

  @Test
  void watchdogEndsACallWhoseMediaStopsOnceAndClosesTheSocket() throws Exception {
    UUID call = rig.newCall("");
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(new byte[0], Double.NaN, 0);
      Thread.sleep(200);
      twilio.stopMedia();
      SessionEnd end =
          rig.control.await(SessionEnd.class, e -> e.callId().equals(call), Duration.ofSeconds(5));
      assertThat(end.reason()).isEqualTo(SessionEndReason.MEDIA_ERROR);
      assertThat(end.text()).contains("no inbound media");
      assertThat(twilio.closeStatus().get(5, java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo(1000);
      Thread.sleep(200);
      assertThat(rig.control.messages(SessionEnd.class))
          .filteredOn(e -> e.callId().equals(call))
          .hasSize(1);
    }
  }
}
