package dev.parley.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.llm.LlmFixtures.RecordingSink;
import dev.parley.agent.llm.reception.LlmReceptionist;
import dev.parley.agent.planning.PlanningFixtures;
import dev.parley.agent.reception.InMemoryServiceDesk;
import dev.parley.agent.reception.ReceptionistAgent;
import dev.parley.agent.reception.ServiceDesk.Appointment;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The receptionist with a chat model, through fake OpenAI and Anthropic servers (real HTTP, each
 * provider's streaming wire format), booking into an in-memory service desk: the model's tools
 * reach the desk, and the code holds the calendar's guarantees (no invented times or codes heard,
 * no booking of a time the desk did not offer, nothing booked twice) and falls back to the
 * rule-based receptionist when the model cannot answer.
 */
class LlmReceptionistTest {

  /** Monday 23 November 2026, 10:05 in New York. */
  private static final ZonedDateTime NOW =
      ZonedDateTime.of(2026, 11, 23, 10, 5, 0, 0, InMemoryServiceDesk.ZONE);

  private static final Clock CLOCK = Clock.fixed(NOW.toInstant(), InMemoryServiceDesk.ZONE);

  private static final String FIND_TOMORROW_AFTERNOON =
      "{\"service\":\"oil_change\",\"from\":\"2026-11-24T12:00\",\"to\":\"2026-11-24T17:00\","
          + "\"max\":2}";
  private static final String BOOK_NOON =
      "{\"service\":\"oil_change\",\"start\":\"2026-11-24T12:00\",\"customer_name\":\"Jordan"
          + " Lee\",\"vehicle_id\":\"v1\",\"vehicle_description\":null}";

  private final InMemoryServiceDesk desk = new InMemoryServiceDesk();
  private final CallLedger ledger = new CallLedger();
  private final DialogContext context =
      new DialogContext(
          ReceptionistAgent.inboundPlan(desk.businessName(), InMemoryServiceDesk.KNOWN, NOW),
          PlanningFixtures.OWNER,
          PlanningFixtures.SETTINGS);
  private FakeChatProvider provider;
  private FakeModelServer server;
  private LlmReceptionist agent;
  private ConversationState state = ConversationState.initial();

  private void openAi() throws Exception {
    start(FakeChatProvider.openAi());
  }

  /** The OpenAI model, on a call the receptionist has answered (the greeting needs no model). */
  private void answeredOnOpenAi() throws Exception {
    openAi();
    step(new DialogEvent.CallAnswered(), new RecordingSink());
  }

  /** The model's next answers: 503, also on both retries, so this turn falls back. */
  private void modelOverloaded() {
    for (int i = 0; i < 3; i++) {
      server.then(
          FakeModelServer.error(
              503,
              "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\"}}",
              Map.of()));
    }
  }

  private void anthropic() throws Exception {
    start(FakeChatProvider.anthropic(512));
  }

  private void start(FakeChatProvider p) {
    provider = p;
    server = p.server;
    agent =
        new LlmReceptionist(
            p.brain(), desk, new ReceptionistAgent(desk, CLOCK), CLOCK, BrainListener.NONE);
    // The control plane rebinds each call's agent to the call's ledger.
    agent = (LlmReceptionist) agent.reportingTo(ledger);
  }

  @AfterEach
  void stop() {
    if (provider != null) {
      provider.close();
    }
  }

  /** The model's next answer: one call of {@code tool}. */
  private void modelCalls(String id, String tool, String args) {
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream().toolStart(0, id, tool, args).finish("tool_calls", 900, 40)));
  }

  /** The model's next answer: words, streamed in these pieces. */
  private void modelSays(String... pieces) {
    OpenAiWire w = OpenAiWire.stream();
    for (String p : pieces) {
      w = w.text(p);
    }
    server.then(FakeModelServer.sse(w.finish("stop", 900, 20)));
  }

  private DialogTurn step(DialogEvent e, RecordingSink sink) {
    DialogTurn t = agent.respond(context, state, e, sink);
    state = t.state();
    return t;
  }

  private DialogTurn say(String text, RecordingSink sink) {
    return step(new DialogEvent.CalleeSaid(text), sink);
  }

  private static String spoken(DialogTurn t) {
    return t.actions().stream()
        .filter(a -> a instanceof AgentAction.Speak)
        .map(a -> ((AgentAction.Speak) a).text())
        .findFirst()
        .orElse("");
  }

  @Test
  void findsSlotsThenBooksAndReadsBackTheCodeTheDeskReturned() throws Exception {
    openAi();
    RecordingSink greeting = new RecordingSink();
    assertThat(spoken(step(new DialogEvent.CallAnswered(), greeting)))
        .startsWith("Thank you for calling Bright Gear Auto Service.")
        .contains("AI assistant");
    assertThat(server.received()).as("the greeting needs no model").isEmpty();

    // The request: the model looks slots up (arguments in fragments), then offers one.
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .toolStart(
                    0, "call_find", "find_open_slots", FIND_TOMORROW_AFTERNOON.substring(0, 30))
                .toolArgs(0, FIND_TOMORROW_AFTERNOON.substring(30))
                .finish("tool_calls", 900, 40)));
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text("The earliest I have is Tuesday, November 24 at 12:00")
                .text(" PM. Does that work for you?")
                .finish("stop", 950, 20)));
    RecordingSink offer = new RecordingSink();
    DialogTurn t = say("Hi, I need an oil change for my Camry tomorrow afternoon.", offer);
    assertThat(offer.live())
        .containsExactly(
            "The earliest I have is Tuesday, November 24 at 12:00 PM.", "Does that work for you?");
    assertThat(spoken(t)).isEqualTo(String.join(" ", offer.live()));
    var second = server.received().get(1).body();
    assertThat(second.path("messages").toString())
        .contains("2026-11-24T12:00 (Tuesday, November 24 at 12:00 PM)")
        .contains("2026-11-24T13:00");
    assertThat(second.path("messages").get(0).path("content").asText())
        .contains("Bright Gear Auto Service", "America/New_York", "Monday, November 23, 2026")
        .contains("Jordan Lee", "vehicle id v1: 2019 Toyota Camry", "oil_change: oil change");
    assertThat(desk.booked).isEmpty();

    // Yes: the model books, then reads back the code from the tool's result.
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .toolStart(0, "call_book", "book", BOOK_NOON)
                .finish("tool_calls", 1000, 40)));
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text("You're all set for Tuesday, November 24 at 12:00 PM. Your confirmation")
                .text(" code is B G 7 K 3 Q. Is there anything else I can help with?")
                .finish("stop", 1100, 30)));
    RecordingSink booked = new RecordingSink();
    t = say("Yes, that works.", booked);
    assertThat(desk.booked).hasSize(1);
    Appointment a = desk.booked.values().iterator().next();
    assertThat(a.start()).isEqualTo(ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, desk.zone()));
    assertThat(a.vehicle()).isEqualTo("2019 Toyota Camry");
    assertThat(String.join(" ", booked.live())).contains("Your confirmation code is B G 7 K 3 Q.");
    assertThat(t.actions())
        .contains(
            new AgentAction.CallTool(
                "record_fact", Map.of("key", "confirmation_code", "value", "BG-7K3Q")));
    assertThat(t.actions().get(0)).isInstanceOf(AgentAction.CallTool.class);
    assertThat(((AgentAction.CallTool) t.actions().get(0)).name()).isEqualTo("appointment_booked");

    // Goodbye with end_call in the same reply; the next turn's prompt remembers the booking.
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text("Thanks for calling Bright Gear. Goodbye!")
                .toolStart(0, "call_end", "end_call", "{\"reason\":\"completed\"}")
                .finish("tool_calls", 1200, 20)));
    t = say("No, that's all. Thanks, bye.", new RecordingSink());
    assertThat(t.actions()).endsWith(new AgentAction.HangUp("completed"));
    assertThat(state.ended()).isTrue();
    assertThat(server.received().get(4).body().path("messages").get(0).path("content").asText())
        .contains("confirmation code BG-7K3Q");
    assertThat(ledger.fallbacks()).isEmpty();
    assertThat(ledger.usages()).hasSize(5);
  }

  @Test
  void anInventedCodeIsNeverHeardAndTheRetryBooksForReal() throws Exception {
    anthropic();
    step(new DialogEvent.CallAnswered(), new RecordingSink());
    // Attempt 1: "booked" with a made-up code and no book call.
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(1200)
                .text("Done!", " Your confirmation code is B X 4 4 1 Q.", " Anything else?")
                .finish("end_turn", 20)));
    // Attempt 2, told why: find, book, then the code the desk returned.
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(1300)
                .toolUse("toolu_find", "find_open_slots", FIND_TOMORROW_AFTERNOON)
                .finish("tool_use", 30)));
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(1400)
                .toolUse("toolu_book", "book", BOOK_NOON.substring(0, 40), BOOK_NOON.substring(40))
                .finish("tool_use", 30)));
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(1500)
                .text("Booked: Tuesday, November 24 at 12:00 PM.", " Your code is BG-7K3Q.")
                .finish("end_turn", 20)));
    RecordingSink sink = new RecordingSink();
    DialogTurn t = say("Book an oil change for my Camry tomorrow at noon, please.", sink);

    assertThat(sink.events).doesNotContain("Your confirmation code is B X 4 4 1 Q.");
    assertThat(sink.events).startsWith("Done!", "<discard>");
    assertThat(sink.live())
        .containsExactly("Booked: Tuesday, November 24 at 12:00 PM.", "Your code is BG-7K3Q.");
    assertThat(spoken(t))
        .isEqualTo("Booked: Tuesday, November 24 at 12:00 PM. Your code is BG-7K3Q.");
    assertThat(desk.booked).hasSize(1);
    assertThat(server.received().get(1).body().path("messages").toString())
        .contains("previous reply was rejected", "B X 4 4 1 Q", "no booking on this call");
    assertThat(ledger.fallbacks()).isEmpty();
  }

  @Test
  void anInventedSlotTwiceHandsTheTurnToTheRules() throws Exception {
    answeredOnOpenAi();
    ConversationState before = state;
    for (String invented :
        List.of("I can do Tuesday, November 24 at 7:00 AM.", "How about Wednesday at 6:30 AM?")) {
      server.then(
          FakeModelServer.sse(
              OpenAiWire.stream().text("Sure. ").text(invented).finish("stop", 900, 20)));
    }
    RecordingSink sink = new RecordingSink();
    String caller = "Hi, I need an oil change for my Camry tomorrow afternoon.";
    DialogTurn t = say(caller, sink);

    DialogTurn rules =
        new ReceptionistAgent(new InMemoryServiceDesk(), CLOCK)
            .respond(context, before, new DialogEvent.CalleeSaid(caller));
    assertThat(t).isEqualTo(rules);
    assertThat(spoken(t)).contains("The earliest I have", "Tuesday, November 24 at 12:00 PM");
    assertThat(String.join(" ", sink.live())).isEqualTo(spoken(rules));
    assertThat(String.join(" ", sink.events)).doesNotContain("7:00 AM", "6:30 AM");
    assertThat(ledger.fallbacks()).hasSize(1);
    assertThat(ledger.fallbacks().get(0).reason())
        .contains("invalid output twice", "Wednesday at 6:30 AM", "not a time the desk gave");
    assertThat(ledger.fallbacks().get(0).brain()).isEqualTo(Brain.DIALOG);
  }

  @Test
  void aRefusedBookingIsRecoveredWithTheNextOpenTimeAndAnUnofferedTimeNeverReachesTheDesk()
      throws Exception {
    answeredOnOpenAi();
    modelCalls("call_find", "find_open_slots", FIND_TOMORROW_AFTERNOON);
    modelSays("I have Tuesday, November 24 at 12:00 PM. Shall I book it?");
    say("Oil change for my Camry tomorrow afternoon?", new RecordingSink());

    // Someone else takes noon; the model also tries 8 AM, which was never offered.
    desk.blocked.add(ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, desk.zone()));
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .toolStart(0, "call_early", "book", BOOK_NOON.replace("T12:00", "T08:00"))
                .toolStart(1, "call_book", "book", BOOK_NOON)
                .finish("tool_calls", 900, 40)));
    modelSays(
        "I'm sorry, that time was just taken. I have Tuesday, November 24 at 1:00 PM",
        " instead. Would that work?");
    RecordingSink sink = new RecordingSink();
    DialogTurn t = say("Yes please.", sink);
    assertThat(desk.booked).isEmpty();
    String results = server.received().get(3).body().path("messages").toString();
    assertThat(results)
        .contains("Refused: 2026-11-24T08:00 is not a time find_open_slots returned")
        .contains("Refused: 2026-11-24T12:00 is no longer open")
        .contains("2026-11-24T13:00 (Tuesday, November 24 at 1:00 PM)");
    assertThat(spoken(t)).contains("Tuesday, November 24 at 1:00 PM");

    modelCalls("call_book", "book", BOOK_NOON.replace("T12:00", "T13:00"));
    modelSays("Done. Your confirmation code is B G 7 K 3 Q.");
    say("Yes, 1 PM is fine.", new RecordingSink());
    assertThat(desk.booked.values())
        .extracting(Appointment::start)
        .containsExactly(ZonedDateTime.of(2026, 11, 24, 13, 0, 0, 0, desk.zone()));
    assertThat(ledger.fallbacks()).isEmpty();
  }

  @Test
  void aBookingMadeBeforeTheReplyFailedIsToldNotRepeated() throws Exception {
    answeredOnOpenAi();
    modelCalls("call_find", "find_open_slots", FIND_TOMORROW_AFTERNOON);
    modelCalls("call_book", "book", BOOK_NOON);
    // The desk booked; the words around it are bad, twice.
    modelSays("Booked, code Q Q 1 2 3 4.");
    modelSays("Your code is Z Z 9 9 9 9.");
    RecordingSink sink = new RecordingSink();
    DialogTurn t = say("Oil change for my Camry tomorrow at noon, please book it.", sink);

    assertThat(desk.booked).hasSize(1);
    assertThat(server.received().get(3).body().path("messages").toString())
        .contains("It already did this at the desk", "confirmation code BG-7K3Q");
    assertThat(spoken(t))
        .contains("You're all set", "Tuesday, November 24 at 12:00 PM", "B G 7 K 3 Q")
        .endsWith("Is there anything else I can help you with?");
    assertThat(String.join(" ", sink.events)).doesNotContain("Q Q 1 2 3 4", "Z Z 9 9 9 9");
    assertThat(t.actions())
        .filteredOn(
            a -> a instanceof AgentAction.CallTool c && c.name().equals("appointment_booked"))
        .hasSize(1);
    assertThat(ledger.fallbacks()).hasSize(1);
  }

  @Test
  void aProviderFailureMidCallHandsTheTurnToTheRulesAndTheModelTakesTheNext() throws Exception {
    answeredOnOpenAi();
    modelOverloaded();
    ConversationState before = state;
    String caller = "Hi, I need an oil change for my Camry tomorrow afternoon.";
    RecordingSink sink = new RecordingSink();
    DialogTurn t = say(caller, sink);
    DialogTurn rules =
        new ReceptionistAgent(new InMemoryServiceDesk(), CLOCK)
            .respond(context, before, new DialogEvent.CalleeSaid(caller));
    assertThat(t).isEqualTo(rules);
    assertThat(String.join(" ", sink.live())).isEqualTo(spoken(rules));
    assertThat(ledger.fallbacks()).hasSize(1);
    assertThat(ledger.fallbacks().get(0).reason()).contains("HTTP_STATUS", "503");
    assertThat(ledger.fallbacks().get(0).provider()).isEqualTo("openai");

    // The model is back for the next turn, with the rules' turn in its history.
    modelSays("We're open Monday to Friday, 8 AM to 5 PM.");
    t = say("When are you open?", new RecordingSink());
    assertThat(spoken(t)).isEqualTo("We're open Monday to Friday, 8 AM to 5 PM.");
    assertThat(server.received().get(3).body().path("messages").toString())
        .contains("The earliest I have for an oil change");
    assertThat(ledger.fallbacks()).hasSize(1);
  }

  @Test
  void theRulesTakingATurnOverBookTheTimeTheModelOfferedAndTheModelReadsItsCodeBack()
      throws Exception {
    answeredOnOpenAi();
    modelCalls("call_find", "find_open_slots", FIND_TOMORROW_AFTERNOON);
    modelSays("I have Tuesday, November 24 at 12:00 PM or at 1:00 PM. Which would you like?");
    say("Hi, I need an oil change for my Camry tomorrow afternoon.", new RecordingSink());

    // The model fails on the caller's choice (a 503, and twice more on retry): the rules take the
    // turn with the model's two offers in hand, and book the one the caller named.
    modelOverloaded();
    RecordingSink sink = new RecordingSink();
    DialogTurn t = say("1 PM, please.", sink);
    assertThat(ledger.fallbacks()).hasSize(1);
    assertThat(desk.booked.values())
        .extracting(Appointment::start)
        .containsExactly(ZonedDateTime.of(2026, 11, 24, 13, 0, 0, 0, desk.zone()));
    assertThat(spoken(t))
        .contains("You're all set", "2019 Toyota Camry", "Tuesday, November 24 at 1:00 PM")
        .contains("B G 7 K 3 Q");
    assertThat(String.join(" ", sink.live())).isEqualTo(spoken(t));

    // The model is back: the code and time of the rules' booking are the desk's, so it may say
    // them.
    modelSays("It's Tuesday, November 24 at 1:00 PM, and your code is B G 7 K 3 Q.");
    t = say("Sorry, when was that, and what was the code?", new RecordingSink());
    assertThat(spoken(t))
        .isEqualTo("It's Tuesday, November 24 at 1:00 PM, and your code is B G 7 K 3 Q.");
    assertThat(ledger.fallbacks()).hasSize(1);
  }
}
