package dev.parley.agent.llm.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.agent.dialog.PhraseGuard;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the receptionist model may say about codes and times, sentence by sentence. */
class SpokenFactsGuardTest {

  private static final ZoneId NY = ZoneId.of("America/New_York");

  /** Monday 23 November 2026, 10:05. */
  private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 23, 10, 5, 0, 0, NY);

  private final Map<String, String> slots = new HashMap<>();
  private final DeskMemory memory = new DeskMemory(slots, NY);

  private SpokenFactsGuard guard(String heard) {
    return new SpokenFactsGuard(new PhraseGuard(List.of()), memory, NOW, heard);
  }

  @Test
  void aCodeIsSaidOnlyOnceABookingReturnedIt() {
    SpokenFactsGuard g = guard("");
    for (String s :
        List.of(
            "Your confirmation code is B G 7 K 3 Q.",
            "Your code is BG-7K3Q.",
            "That's B G 7 K 3 Q.",
            "Your confirmation number is bravo golf seven kilo three quebec.")) {
      assertThatThrownBy(() -> g.check(s)).as(s).isInstanceOf(SpokenFactsGuard.Rejected.class);
    }
    memory.code("BG-7K3Q");
    assertThat(g.check("Your confirmation code is B G 7 K 3 Q.")).isNotNull();
    assertThat(g.check("Your code is BG-7K3Q.")).isNotNull();
    assertThat(g.check("That's B G 7 K 3 Q.")).isNotNull();
    assertThatThrownBy(() -> g.check("Your code is BG-7K3X."))
        .isInstanceOf(SpokenFactsGuard.Rejected.class)
        .hasMessageContaining("BG-7K3X");
  }

  @Test
  void wordsTheCallerSaidAndClockTimesAreNotCodes() {
    SpokenFactsGuard g = guard("It's for my 2018 Ford F-150.");
    assertThat(g.check("Got it, the 2018 Ford F-150.")).isNotNull();
    assertThat(g.check("We open at 8AM and close at 5PM.")).isNotNull();
    assertThat(g.check("Your appointment is at noon.")).isNotNull();
  }

  @Test
  void aDayAndTimeMustBeOneTheDeskGave() {
    SpokenFactsGuard g = guard("");
    assertThatThrownBy(() -> g.check("I have Tuesday, November 24 at 1:00 PM."))
        .isInstanceOf(SpokenFactsGuard.Rejected.class)
        .hasMessageContaining("Tuesday, November 24 at 1:00 PM");
    memory.offered(ZonedDateTime.of(2026, 11, 24, 13, 0, 0, 0, NY));
    assertThat(g.check("I have Tuesday, November 24 at 1:00 PM.")).isNotNull();
    assertThat(g.check("How about Tuesday at 1?")).isNotNull();
    assertThat(g.check("Tomorrow at 1 PM works.")).isNotNull();
    assertThatThrownBy(() -> g.check("Or Tuesday at 2 PM?"))
        .isInstanceOf(SpokenFactsGuard.Rejected.class);
    // A weekday may mean another week; a named date may not.
    assertThatThrownBy(() -> g.check("I have December 1 at 1 PM."))
        .isInstanceOf(SpokenFactsGuard.Rejected.class);
    // Opening hours and parts of the day are not slots.
    assertThat(g.check("We're open Monday to Friday, 8 AM to 5 PM.")).isNotNull();
    assertThat(g.check("Would Tuesday afternoon suit you?")).isNotNull();
  }

  @Test
  void memoryLivesInTheSlotsAndSurvivesARetry() {
    memory.offered(ZonedDateTime.of(2026, 11, 24, 13, 0, 0, 0, NY));
    memory.code("BG-7K3Q");
    Map<String, String> fresh = new HashMap<>(Map.of("rx.step", "confirm_slot"));
    DeskMemory.carry(slots, fresh);
    assertThat(fresh).containsEntry("llmrx.offered", "2026-11-24T13:00").containsKey("rx.step");
    assertThat(new DeskMemory(fresh, NY).knowsCode("B G 7 K 3 Q")).isTrue();
  }
}
