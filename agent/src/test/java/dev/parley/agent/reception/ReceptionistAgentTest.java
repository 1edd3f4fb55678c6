package dev.parley.agent.reception;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.dialog.Turn;
import dev.parley.agent.llm.SentenceSink;
import dev.parley.agent.planning.PlanningFixtures;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceptionistAgentTest {

  /** Monday 23 November 2026, 10:05 in New York. */
  private static final ZonedDateTime NOW =
      ZonedDateTime.of(2026, 11, 23, 10, 5, 0, 0, InMemoryServiceDesk.ZONE);

  private final InMemoryServiceDesk desk = new InMemoryServiceDesk();
  private final ReceptionistAgent agent =
      new ReceptionistAgent(desk, Clock.fixed(NOW.toInstant(), InMemoryServiceDesk.ZONE));

  private ConversationState state = ConversationState.initial();
  private DialogContext context;

  private DialogTurn call(String phone) {
    context =
        new DialogContext(
            ReceptionistAgent.inboundPlan(desk.businessName(), phone, NOW),
            PlanningFixtures.OWNER,
            PlanningFixtures.SETTINGS);
    return step(new DialogEvent.CallAnswered());
  }

  private DialogTurn say(String text) {
    return step(new DialogEvent.CalleeSaid(text));
  }

  private DialogTurn step(DialogEvent e) {
    DialogTurn t = agent.respond(context, state, e);
    state = t.state();
    return t;
  }

  private static String spoken(DialogTurn t) {
    return t.actions().stream()
        .filter(a -> a instanceof AgentAction.Speak)
        .map(a -> ((AgentAction.Speak) a).text())
        .findFirst()
        .orElse("");
  }

  @Test
  void askingForTheAfternoonWhenTheOfferIsAlreadyThereSaysSo() {
    // The morning is full, so the first offer is already in the afternoon.
    desk.blocked.add(NOW.withHour(11).withMinute(0));
    call(InMemoryServiceDesk.KNOWN);
    assertThat(spoken(say("Hi, I'd like to book an oil change for my Camry.")))
        .contains("is Monday, November 23 at 12:00 PM");
    assertThat(spoken(say("Do you have anything in the afternoon?")))
        .isEqualTo(
            "Yes: Monday, November 23 at 12:00 PM is in the afternoon, and it's the earliest I"
                + " have. Does that work for you?");
    assertThat(spoken(say("Yes, please book that."))).contains("You're all set");
    assertThat(desk.booked).hasSize(1);
  }

  @Test
  void aKnownCustomerBooksAnAfternoonOilChangeAndHangsUpAfterGoodbye() {
    assertThat(spoken(call(InMemoryServiceDesk.KNOWN)))
        .contains("Bright Gear Auto Service")
        .contains("AI assistant");
    assertThat(spoken(say("Hi, I'd like to book an oil change for my Camry.")))
        .contains("an oil change on your 2019 Toyota Camry is Monday, November 23 at 11:00 AM");
    assertThat(spoken(say("Do you have anything in the afternoon?")))
        .contains("Monday, November 23 at 12:00 PM");
    // Blocking noon shows the afternoon preference is kept for the next offer.
    desk.blocked.add(NOW.withHour(12).withMinute(0));
    state = ConversationState.initial();
    call(InMemoryServiceDesk.KNOWN);
    say("Hi, I'd like to book an oil change for my Camry.");
    assertThat(spoken(say("Do you have anything in the afternoon?")))
        .contains("Monday, November 23 at 1:00 PM");
    DialogTurn booked = say("Yes, please book that.");
    assertThat(spoken(booked))
        .contains("You're all set")
        .contains("oil change for your 2019 Toyota Camry on Monday, November 23 at 1:00 PM")
        .contains("B G 7 K 3 Q");
    assertThat(desk.booked).hasSize(1);
    assertThat(booked.actions())
        .contains(
            new AgentAction.CallTool(
                "record_fact", java.util.Map.of("key", "confirmation_code", "value", "BG-7K3Q")));
    DialogTurn bye = say("No, that's all. Thanks, bye.");
    assertThat(bye.actions()).contains(new AgentAction.HangUp("completed"));
    assertThat(bye.state().ended()).isTrue();
  }

  @Test
  void aNewCallerGivesNameAndCarThenTakesALaterDay() {
    call("+12125550199");
    assertThat(spoken(say("I need my brakes looked at."))).contains("your name");
    assertThat(spoken(say("This is Sam Ortiz, it's a 2015 Ford Focus.")))
        .contains("brake inspection on your 2015 Ford Focus is Monday, November 23 at 11:00 AM");
    assertThat(spoken(say("No, Thursday would be better.")))
        .contains("Thursday, November 26 at 8:00 AM");
    say("Yes, that works.");
    assertThat(desk.booked.values())
        .singleElement()
        .satisfies(a -> assertThat(a.vehicle()).isEqualTo("2015 Ford Focus"));
  }

  @Test
  void hoursPricesCancellationAndMessages() {
    call(InMemoryServiceDesk.KNOWN);
    assertThat(spoken(say("What are your hours?"))).contains("Monday to Friday, 8 AM to 5 PM");
    assertThat(spoken(say("How much is an oil change?"))).contains("$59.00");
    desk.book(
        InMemoryServiceDesk.KNOWN,
        "Jordan Lee",
        "v1",
        null,
        InMemoryServiceDesk.OIL,
        NOW.plusDays(2).withHour(9).withMinute(0));
    assertThat(spoken(say("I need to cancel my appointment.")))
        .contains("Wednesday, November 25 at 9:00 AM")
        .contains("cancel it?");
    assertThat(spoken(say("Yes please."))).contains("It's cancelled");
    assertThat(desk.booked).isEmpty();
    say("Blah.");
    say("Hmm.");
    assertThat(spoken(say("Whatever."))).contains("What message should I pass on");
    say("Please ask Mike to call me about the invoice.");
    assertThat(desk.messages).containsExactly("Please ask Mike to call me about the invoice.");
    assertThat(List.of(state.slots().getOrDefault("rx.step", ""))).containsExactly("anything_else");
  }

  @Test
  void takingACallOverTheRulesBookWhatWasOfferedWithoutAskingAgain() {
    call("+12125550199");
    // Another receptionist (the model) held the call: the caller's words and its offer of a time
    // later than the earliest, nothing in the rules' own memory.
    ConversationState held =
        new ConversationState(
            ConversationState.Phase.PURSUING,
            List.of(
                new Turn(Turn.Speaker.AGENT, "How can I help you today?", false),
                new Turn(
                    Turn.Speaker.CALLEE,
                    "This is Sam Ortiz. I need the brakes looked at on my 2015 Ford Focus.",
                    false),
                new Turn(
                    Turn.Speaker.AGENT,
                    "I have Thursday, November 26 at 2:00 PM. Does that work?",
                    false)),
            Map.of(),
            ConversationState.Awaiting.ANSWER,
            0,
            0,
            0,
            0,
            2,
            null);
    ZonedDateTime thursday = ZonedDateTime.of(2026, 11, 26, 14, 0, 0, 0, desk.zone());
    DialogEvent yes = new DialogEvent.CalleeSaid("Yes, that works.");
    // Without the handover the rules cannot read "yes" and ask again.
    assertThat(spoken(agent.respond(context, held, yes))).contains("didn't quite get that");
    assertThat(desk.booked).isEmpty();

    DialogTurn t =
        agent.takeOver(
            context,
            held,
            yes,
            new ReceptionistAgent.Handover("brake_inspection", List.of(thursday)),
            SentenceSink.NONE);
    assertThat(desk.booked.values())
        .singleElement()
        .satisfies(a -> assertThat(a.start()).isEqualTo(thursday))
        .satisfies(a -> assertThat(a.vehicle()).isEqualTo("2015 Ford Focus"))
        .satisfies(a -> assertThat(a.serviceCode()).isEqualTo("brake_inspection"));
    assertThat(spoken(t)).contains("You're all set", "Thursday, November 26 at 2:00 PM");
  }

  @Test
  void takingOverTwoOffersTheRulesAskWhichThenBookTheOneNamed() {
    call(InMemoryServiceDesk.KNOWN);
    say("Hi, I need an oil change for my Camry.");
    ZonedDateTime noon = ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, desk.zone());
    ReceptionistAgent.Handover two =
        new ReceptionistAgent.Handover("oil_change", List.of(noon, noon.plusHours(1)));
    agent.takeOver(
        context, state, new DialogEvent.CalleeSaid("No, not at 1 PM."), two, SentenceSink.NONE);
    assertThat(desk.booked).as("a time refused is not a time picked").isEmpty();
    DialogTurn which =
        agent.takeOver(
            context, state, new DialogEvent.CalleeSaid("Yes, please."), two, SentenceSink.NONE);
    state = which.state();
    assertThat(spoken(which))
        .isEqualTo(
            "Which one would you like: Tuesday, November 24 at 12:00 PM or Tuesday, November 24"
                + " at 1:00 PM?");
    assertThat(desk.booked).isEmpty();
    say("The 1 PM one.");
    assertThat(desk.booked.values())
        .extracting(ServiceDesk.Appointment::start)
        .containsExactly(noon.plusHours(1));
  }

  /** Starts a booking for the known caller: the earliest oil change is on offer. */
  private void offered() {
    call(InMemoryServiceDesk.KNOWN);
    assertThat(spoken(say("Hi, I'd like to book an oil change for my Camry.")))
        .contains("Monday, November 23 at 11:00 AM. Does that work for you?");
  }

  @Test
  void aCallerWhoTurnsTheTimeDownAndSaysGoodbyeIsLetGo() {
    offered();
    DialogTurn bye = say("No, that's all, bye.");
    assertThat(spoken(bye)).contains("won't book that time").contains("Goodbye");
    assertThat(bye.actions()).contains(new AgentAction.HangUp("caller_done"));
    assertThat(bye.state().ended()).isTrue();
    assertThat(desk.booked).isEmpty();
    // "No thanks" alone turns the time down, not the call; "that's it" may accept it.
    state = ConversationState.initial();
    offered();
    assertThat(spoken(say("No thanks."))).contains("What day or time would suit you better?");
    // "Cancel that" drops the time on offer; the caller has no other appointment to cancel.
    state = ConversationState.initial();
    offered();
    assertThat(spoken(say("No, cancel that."))).contains("What day or time would suit you better?");
    state = ConversationState.initial();
    offered();
    say("Yes, that's it.");
    assertThat(desk.booked).hasSize(1);
  }

  @Test
  void questionsAskedWhileATimeIsOnOfferAreAnsweredAndTheOfferStaysOpen() {
    offered();
    assertThat(spoken(say("What time do you close?")))
        .contains("We're open Monday to Friday, 8 AM to 5 PM")
        .contains("Does Monday, November 23 at 11:00 AM still work for you?");
    assertThat(spoken(say("How much will that be?")))
        .contains("An oil change is $59.00.")
        .contains("Does Monday, November 23 at 11:00 AM still work for you?");
    assertThat(spoken(say("Can I cancel later if something comes up?")))
        .contains("call us to cancel or move an appointment")
        .contains("still work for you?");
    assertThat(spoken(say("And how much does it cost to cancel?")))
        .contains("I don't have a cancellation charge on file")
        .contains("Does Monday, November 23 at 11:00 AM still work for you?");
    assertThat(desk.booked).isEmpty();
    say("Yes, that works.");
    assertThat(desk.booked.values())
        .extracting(ServiceDesk.Appointment::start)
        .containsExactly(NOW.withHour(11).withMinute(0));
  }

  @Test
  void cancellingAnotherAppointmentWhileATimeIsOnOfferComesBackToTheOffer() {
    ServiceDesk.Appointment wednesday =
        desk.book(
                InMemoryServiceDesk.KNOWN,
                "Jordan Lee",
                "v1",
                null,
                InMemoryServiceDesk.BRAKES,
                NOW.plusDays(2).withHour(9).withMinute(0))
            .orElseThrow();
    offered();
    assertThat(spoken(say("Oh, and I need to cancel my other appointment.")))
        .contains("Wednesday, November 25 at 9:00 AM")
        .contains("Shall I cancel it?");
    assertThat(spoken(say("Yes please.")))
        .contains("It's cancelled.")
        .contains("Does Monday, November 23 at 11:00 AM still work for you?");
    assertThat(desk.booked).doesNotContainKey(wednesday.id());
    say("Yes.");
    assertThat(desk.booked.values())
        .extracting(ServiceDesk.Appointment::start)
        .containsExactly(NOW.withHour(11).withMinute(0));
  }

  @Test
  void aCarDescribedBeforeWhatItNeedsIsBookedUnderItsName() {
    call("+12125550199");
    assertThat(spoken(say("I need my brakes looked at."))).contains("your name");
    assertThat(spoken(say("This is Sam Ortiz. My 2015 Ford Focus needs its brakes done.")))
        .contains("brake inspection on your 2015 Ford Focus is");
    say("Yes, that works.");
    assertThat(desk.booked.values())
        .singleElement()
        .satisfies(a -> assertThat(a.vehicle()).isEqualTo("2015 Ford Focus"));
  }

  @Test
  void aFirstRequestSayingWhatTheCarNeedsStartsABooking() {
    call("+12125550199");
    assertThat(spoken(say("My 2015 Ford Focus needs its brakes done.")))
        .doesNotContain("didn't quite get that")
        .isEqualTo("Can I have your name, and the year, make and model of the car?");
    assertThat(spoken(say("This is Sam Ortiz.")))
        .contains("brake inspection on your 2015 Ford Focus is Monday, November 23 at 11:00 AM");
    state = ConversationState.initial();
    call(InMemoryServiceDesk.KNOWN);
    assertThat(spoken(say("The Camry could use an oil change.")))
        .contains("oil change on your 2019 Toyota Camry is Monday, November 23 at 11:00 AM");
  }

  @Test
  void askingWhatCancellingCostsIsAnsweredAndCancelsNothing() {
    ServiceDesk.Appointment wednesday =
        desk.book(
                InMemoryServiceDesk.KNOWN,
                "Jordan Lee",
                "v1",
                null,
                InMemoryServiceDesk.OIL,
                NOW.plusDays(2).withHour(9).withMinute(0))
            .orElseThrow();
    call(InMemoryServiceDesk.KNOWN);
    DialogTurn answer = say("How much does it cost to cancel?");
    assertThat(spoken(answer))
        .isEqualTo(
            ReceptionistAgent.CANCELLATION_ANSWER + " Is there anything else I can help you with?");
    assertThat(answer.state().slots()).doesNotContainKey(ReceptionistAgent.CANCELS);
    assertThat(spoken(say("Is there a fee if I cancel on the day?")))
        .contains("I don't have a cancellation charge on file");
    assertThat(desk.booked).containsKey(wednesday.id());
    // Asking to cancel is still a request to cancel.
    assertThat(spoken(say("Okay. Then please cancel my appointment.")))
        .contains("Shall I cancel it?");
  }

  @Test
  void takingTheTimeAndSayingHowEarlyTheCallerWillComeBooksIt() {
    // "In 10 minutes early" is how early the caller will come, not a time they ask for instead.
    offered();
    assertThat(spoken(say("Sure, no problem, I'll come in 10 minutes early.")))
        .contains("You're all set");
    assertThat(desk.booked.values())
        .extracting(ServiceDesk.Appointment::start)
        .containsExactly(NOW.withHour(11).withMinute(0));
    // Taking over the model's offer, after it asked the caller to arrive early.
    desk.booked.clear();
    state = ConversationState.initial();
    call(InMemoryServiceDesk.KNOWN);
    ZonedDateTime thursday = ZonedDateTime.of(2026, 11, 26, 14, 0, 0, 0, desk.zone());
    DialogTurn t =
        agent.takeOver(
            context,
            state,
            new DialogEvent.CalleeSaid("That's fine, I'll come in 15 minutes early."),
            new ReceptionistAgent.Handover("oil_change", List.of(thursday)),
            SentenceSink.NONE);
    assertThat(spoken(t)).contains("You're all set");
    assertThat(desk.booked.values())
        .extracting(ServiceDesk.Appointment::start)
        .containsExactly(thursday);
    // A time of its own still asks for another one.
    state = ConversationState.initial();
    offered();
    assertThat(spoken(say("Sure, but could I come in 2 hours instead?"))).contains("at 1:00 PM");
  }
}
