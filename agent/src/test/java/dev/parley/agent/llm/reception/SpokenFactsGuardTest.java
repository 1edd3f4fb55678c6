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
    return guard(heard, "");
  }

  /** A guard for one reply to {@code context} (the agent's last words, then the caller's). */
  private SpokenFactsGuard guard(String heard, String context) {
    return new SpokenFactsGuard(new PhraseGuard(List.of()), memory, NOW, heard, context);
  }

  private void offered(ZonedDateTime... times) {
    memory.offered("oil_change", List.of(times));
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
    memory.booked("a1", ZonedDateTime.of(2026, 11, 24, 13, 0, 0, 0, NY), "BG-7K3Q");
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
    offered(ZonedDateTime.of(2026, 11, 24, 13, 0, 0, 0, NY));
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
    offered(ZonedDateTime.of(2026, 11, 24, 13, 0, 0, 0, NY));
    memory.booked("a1", ZonedDateTime.of(2026, 11, 25, 9, 0, 0, 0, NY), "BG-7K3Q");
    Map<String, String> fresh = new HashMap<>(Map.of("rx.step", "confirm_slot"));
    DeskMemory.carry(slots, fresh);
    assertThat(fresh).containsEntry("llmrx.offered", "2026-11-24T13:00").containsKey("rx.step");
    assertThat(new DeskMemory(fresh, NY).knowsCode("B G 7 K 3 Q")).isTrue();
  }

  /** Checks {@code sentences} as one reply to {@code context}, as the stream hands them over. */
  private void reply(String context, String... sentences) {
    SpokenFactsGuard g = guard("", context);
    for (String s : sentences) {
      assertThat(g.check(s)).as(s).isNotNull();
    }
  }

  @Test
  void aClockTimeIsHeardOnTheDayNamedInAnEarlierSentenceOfTheReply() {
    // Thursday 26 November: 13:00 was offered, 16:00 never.
    offered(ZonedDateTime.of(2026, 11, 26, 13, 0, 0, 0, NY));
    assertThatThrownBy(() -> reply("", "I have Thursday.", "At 4 pm we could fit you in."))
        .isInstanceOf(SpokenFactsGuard.Rejected.class)
        .hasMessageContaining("\"4 pm\" after \"Thursday\"");
    reply("", "I have Thursday.", "At 1 pm we could fit you in.");
    // The day in mind moves on with the words; a span of days leaves none in mind.
    assertThatThrownBy(() -> reply("", "Thursday is full, but Friday is open.", "Say, 1 pm?"))
        .isInstanceOf(SpokenFactsGuard.Rejected.class)
        .hasMessageContaining("after \"Friday\"");
    reply("", "I have Thursday, and next week is open too.", "Most days around 4 pm are quiet.");
    // Opening hours are not slots, whatever day is in mind.
    reply("", "I have Thursday.", "We open at 8 AM and close at 5 PM.");
    reply("", "I have Thursday.", "We're open from 8 AM until 5 PM.");
    reply("", "I have Thursday.", "Our hours that day are 8 AM to 5 PM.");
    // "Open" alone says a slot is free: checked.
    rejected("", "I have Thursday.", "4 pm is open.");
    rejected("", "I have Thursday.", "We have an opening at 4 pm.");
  }

  @Test
  void aClockTimeAloneIsHeardOnTheDayTheReplyAnswers() {
    offered(ZonedDateTime.of(2026, 11, 26, 13, 0, 0, 0, NY));
    // The caller named the day.
    String thursday = "Do you have anything on Thursday?\n";
    assertThatThrownBy(() -> reply(thursday, "At 4 pm we could fit you in."))
        .isInstanceOf(SpokenFactsGuard.Rejected.class)
        .hasMessageContaining("after \"on Thursday\"");
    reply(thursday, "Yes, at 1 pm.");
    // The agent's own offer named it, and the caller asked for another time.
    assertThatThrownBy(
            () ->
                reply(
                    "I have Thursday at 1 PM. Does that work?\nAnything later?\n",
                    "At 4 pm we could fit you in."))
        .isInstanceOf(SpokenFactsGuard.Rejected.class);
    // The caller's own day wins over the agent's earlier one; with no day, nothing is checked.
    assertThatThrownBy(() -> reply("I have Thursday.\nCould you do Wednesday?\n", "Yes, at 1 pm."))
        .isInstanceOf(SpokenFactsGuard.Rejected.class)
        .hasMessageContaining("after \"Wednesday\"");
    reply("How can I help?\nAn oil change, please.\n", "Come at 4 pm.");
  }

  /** Checks {@code sentences} as one reply to {@code context} and expects it rejected. */
  private void rejected(String context, String... sentences) {
    assertThatThrownBy(() -> reply(context, sentences))
        .as(String.join(" ", sentences))
        .isInstanceOf(SpokenFactsGuard.Rejected.class);
  }

  @Test
  void aTimeToArriveShortlyBeforeASlotTheDeskGaveIsNotANewOffer() {
    // Thursday 26 November: 13:00 booked, nothing else given.
    memory.booked("a1", ZonedDateTime.of(2026, 11, 26, 13, 0, 0, 0, NY), "BG-7K3Q");
    String booked = "Your booking is Thursday at 1 PM.";
    reply("", booked, "Please come at 12:50.");
    reply("", booked, "Please arrive at 12:45 so we can check the car in.");
    reply("", booked, "Check-in is at 12:50.");
    reply("", "You're all set for Thursday, November 26 at 1:00 PM.", "Be here at 12:40, please.");
    reply("", "Please come Thursday at 12:50 for your 1 PM booking.");
    // The day in mind comes from the words the reply answers.
    reply("Is my booking on Thursday at 1 PM?\n", "Yes. Please come at 12:50.");
    // An offer the desk gave counts as well as a booking.
    offered(ZonedDateTime.of(2026, 11, 27, 9, 0, 0, 0, NY));
    reply("", "I have Friday at 9 AM.", "If you take it, please come at 8:45.");

    // An unoffered time presented as available is still rejected: put as a choice, after the
    // slot, long before it, or not about turning up at all.
    rejected("", booked, "Or you could come at 12:30.");
    rejected("", booked, "How about coming at 12:30 instead?");
    rejected("", booked, "Come at 4 pm.");
    rejected("", booked, "Please come at 11 AM.");
    rejected("", booked, "I also have 12:45.");
    rejected("", booked, "We could fit you in at 12:30 as well.");
    rejected("", "I have Thursday at 1 PM.", "We could fit you in at 12:30.");
    rejected("", booked, "12:50 works too.");
    rejected("", "I have Thursday.", "Come at 4 pm.");
    rejected("", "I have Friday.", "Please come at 12:50.");
  }

  @Test
  void anArrivalInstructionStandsWhateverTheOtherClausesOfItsSentenceSay() {
    // Thursday 26 November: 13:00 booked, nothing else given.
    memory.booked("a1", ZonedDateTime.of(2026, 11, 26, 13, 0, 0, 0, NY), "BG-7K3Q");
    String booked = "Your booking is Thursday at 1 PM.";
    // Words of choice in another clause are about something else: an acceptance, the lounge, a
    // mechanic being free, a question that moves on.
    reply("", booked, "That works, please come at 12:50.");
    reply("", booked, "Please arrive at 12:50; you can wait in our lounge.");
    reply("", booked, "Please come at 12:50 so the technician is free to start on time.");
    reply("", booked, "Please arrive at 12:50, is there anything else I can help with?");
    // The caller took the instruction ("no worries") and the model says when it will see them.
    reply(
        "You're all set for Thursday at 1 PM. Please arrive ten minutes early.\nSure, no worries.\n",
        "Great, we'll see you at 12:50.");

    // A time its own clause puts to the caller as a choice is still checked.
    rejected("", booked, "Would you like to come at 12:30, then?");
    rejected("", booked, "Please come at 12:30, or at 12:40 if you prefer.");
    rejected("", booked, "That works, we could fit you in at 12:30.");
    rejected("", booked, "We'll see you at 4 pm.");
  }

  @Test
  void aBoundOrAWindowOfClockTimesMustBeBorneOutByTheDesk() {
    // Thursday 26 November: 13:00 offered, nothing else given.
    offered(ZonedDateTime.of(2026, 11, 26, 13, 0, 0, 0, NY));
    rejected("", "I have Thursday.", "We can have it done by 11 am.");
    reply("", "I have Thursday.", "We can have it done by 3 pm.");
    rejected("", "Any time after 2 on Thursday works.");
    rejected("", "Thursday is open any time after 2.");
    reply("", "Thursday is open any time after 12.");
    rejected("Anything on Friday?\n", "Yes, any time after 2.");
    rejected("", "I have Thursday between 2 and 4.");
    reply("", "I have Thursday between 1 and 3.");
    assertThatThrownBy(() -> reply("", "I have Thursday.", "Anything after 2 is yours."))
        .hasMessageContaining("\"after 2\" after \"Thursday\"")
        .hasMessageContaining("no time on this call at or after it that day");
    // Saying there is nothing there offers nothing; opening hours are not slots.
    reply("", "I have Thursday at 1 PM.", "There's nothing after 2 that day.");
    reply("", "Unfortunately I don't have anything on Thursday after 2.");
    reply("", "I have Thursday.", "We're open until 5.");
    // With no day in mind, a bound is not checked, as a clock time is not.
    reply("", "We can have it done by 3 pm.");
    // "Arrive by" a time shortly before the booking is an arrival instruction.
    memory.booked("a1", ZonedDateTime.of(2026, 11, 27, 9, 0, 0, 0, NY), "BG-7K3Q");
    reply("", "Your booking is Friday at 9 AM.", "Please arrive by 8:50.");
    rejected("", "Your booking is Friday at 9 AM.", "Please arrive by 7 AM.");
  }
}
