package dev.parley.media.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.testing.MediaTestRig;
import dev.parley.media.testing.TwilioStreamClient;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ErrorMessage;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A node holds as many calls as it announced, counting each call once while it streams. */
class CapacityTest {

  /** How long a test waits for what must happen: a bound on a hung test, not a timing claim. */
  private static final Duration LIVENESS = Duration.ofSeconds(30);

  @Test
  void aStreamingCallCountsOnceAgainstTheCapacity() throws Exception {
    try (MediaTestRig rig = MediaTestRig.start(c -> c.withCapacity(2))) {
      UUID first = rig.newCall("");
      try (TwilioStreamClient twilio = rig.stream(first)) {
        twilio.start(MediaTestRig.token(first));
        twilio.startMedia(new byte[0], Double.NaN, 0);
        assertThat(
                TwilioStreamClient.await(
                    () -> rig.server.calls().activeCount() == 1, LIVENESS.toMillis()))
            .isTrue();
        // One call streaming on a node of two: a second is accepted (SESSION_READY)...
        UUID second = rig.newCall("");
        assertThat(second).isNotNull();
        // ...and a third is refused with CAPACITY_EXCEEDED.
        UUID third = UUID.randomUUID();
        rig.sendSessionStart(third);
        ErrorMessage refused =
            rig.control.await(
                ErrorMessage.class, e -> third.equals(e.callId()), Duration.ofSeconds(5));
        assertThat(refused.code()).isEqualTo(ErrorCode.CAPACITY_EXCEEDED);
      }
    }
  }
}
