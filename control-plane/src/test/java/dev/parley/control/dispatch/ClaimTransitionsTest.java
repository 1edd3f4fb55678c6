package dev.parley.control.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.task.CallTaskStateMachine;
import dev.parley.control.task.CallTaskStatus;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The claim statement changes task status in SQL for speed; every status it claims from must be a
 * transition the one task state machine allows, so the two can never disagree.
 */
class ClaimTransitionsTest {

  @Test
  void everyStatusTheClaimTakesIsAllowedToBecomeDialing() {
    Matcher m = Pattern.compile("status = '([a-z_]+)'").matcher(TaskQueue.CLAIM);
    int claimedFrom = 0;
    assertThat(m.find()).as("the SET clause").isTrue();
    assertThat(m.group(1)).isEqualTo("dialing");
    while (m.find()) {
      CallTaskStatus from = CallTaskStatus.valueOf(m.group(1).toUpperCase());
      assertThat(CallTaskStateMachine.allows(from, CallTaskStatus.DIALING))
          .as("state machine allows %s -> dialing", from)
          .isTrue();
      claimedFrom++;
    }
    assertThat(claimedFrom).as("ready_to_call, scheduled, expired dialing").isEqualTo(3);
  }
}
