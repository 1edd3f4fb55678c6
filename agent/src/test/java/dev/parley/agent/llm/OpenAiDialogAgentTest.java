package dev.parley.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.dialog.RuleBasedDialogAgent;
import dev.parley.agent.llm.LlmFixtures.RecordingSink;
import dev.parley.agent.llm.dialog.LlmDialogAgent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LLM dialog agent holding a dental booking through a fake OpenAI Chat Completions server. */
class OpenAiDialogAgentTest {

  private static final String OPENING =
      "Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan. I'd like to book a"
          + " cleaning with Dr. Chen next week, ideally in the morning.";

  private FakeChatProvider provider;
  private FakeModelServer server;
  private CallLedger ledger;
  private LlmDialogAgent agent;
  private final DialogContext context = LlmFixtures.context();
  private final RuleBasedDialogAgent rules = new RuleBasedDialogAgent(LlmFixtures.CLOCK);

  @BeforeEach
  void start() throws Exception {
    provider = FakeChatProvider.openAi();
    server = provider.server;
    ledger = new CallLedger();
    agent = new LlmDialogAgent(provider.brain(), rules, LlmFixtures.CLOCK, ledger);
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void holdsADentalBookingWithParallelToolCallsAndToolResultsFedBack() {
    // Turn 1: the opening streams in pieces that split a sentence and a title.
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text("Hi, this is Parley, an AI assistant calling on behalf of Alex")
                .text(" Morgan. I'd like to book a cleaning with Dr.")
                .text(" Chen next week, ideally in the morning.")
                .finish("stop", 812, 31)));
    // Turn 2, round 1: two parallel record_fact calls, arguments in fragments, no words.
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .toolStart(0, "call_time", "record_fact", "{\"key\":\"appointment_time\",")
                .toolStart(1, "call_price", "record_fact", "{\"key\":\"price\",")
                .toolArgs(0, "\"value\":\"2026-11-26T10:30-05:00\"}")
                .toolArgs(1, "\"value\":\"120\"}")
                .finish("tool_calls", 905, 48)));
    // Turn 2, round 2: the words, after the tool results.
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text("Thursday at 10:30 a.m. works well, and $120.00 is fine. ")
                .text("Could you put Alex down for that?")
                .finish("stop", 960, 22)));
    // Turn 3: goodbye with record_fact and hang_up in parallel.
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text("Thank you, that's confirmation BSD-4417. Goodbye!")
                .toolStart(
                    0, "call_code", "record_fact", "{\"key\":\"confirmation_code\",\"value\":")
                .toolArgs(0, "\"BSD4417\"}")
                .toolStart(1, "call_bye", "hang_up", "{\"reason\":\"completed\"}")
                .finish("tool_calls", 1010, 40)));

    RecordingSink sink = new RecordingSink();
    ConversationState state = ConversationState.initial();

    DialogTurn t1 = agent.respond(context, state, new DialogEvent.CallAnswered(), sink);
    assertThat(sink.events)
        .containsExactly(
            "Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.",
            "I'd like to book a cleaning with Dr. Chen next week, ideally in the morning.");
    assertThat(t1.actions()).containsExactly(new AgentAction.Speak(OPENING, false));
    assertThat(t1.state().phase()).isEqualTo(ConversationState.Phase.OPENING);

    sink.events.clear();
    DialogTurn t2 =
        agent.respond(
            context,
            t1.state(),
            new DialogEvent.CalleeSaid(
                "Sure, we have Thursday the 26th at 10:30 in the morning. A cleaning is 120"
                    + " dollars."),
            sink);
    assertThat(t2.actions())
        .containsExactly(
            new AgentAction.CallTool(
                "record_fact",
                Map.of("key", "appointment_time", "value", "2026-11-26T10:30-05:00")),
            new AgentAction.CallTool("record_fact", Map.of("key", "price", "value", "120")),
            new AgentAction.Speak(
                "Thursday at 10:30 a.m. works well, and $120.00 is fine. Could you put Alex down"
                    + " for that?",
                true));
    assertThat(sink.events)
        .containsExactly(
            "Thursday at 10:30 a.m. works well, and $120.00 is fine.",
            "Could you put Alex down for that?");
    assertThat(t2.state().slots())
        .containsEntry("appointment_time", "2026-11-26T10:30-05:00")
        .containsEntry("price", "120");

    // The second round carried the assistant's tool calls and one tool message per call.
    JsonNode round2 = server.received().get(2).body();
    JsonNode messages = round2.get("messages");
    JsonNode assistant = messages.get(messages.size() - 3);
    assertThat(assistant.get("role").asText()).isEqualTo("assistant");
    assertThat(assistant.get("tool_calls").get(0).get("id").asText()).isEqualTo("call_time");
    assertThat(assistant.get("tool_calls").get(1).get("function").get("arguments").asText())
        .isEqualTo("{\"key\":\"price\",\"value\":\"120\"}");
    assertThat(messages.get(messages.size() - 2).get("role").asText()).isEqualTo("tool");
    assertThat(messages.get(messages.size() - 2).get("tool_call_id").asText())
        .isEqualTo("call_time");
    assertThat(messages.get(messages.size() - 1).get("tool_call_id").asText())
        .isEqualTo("call_price");

    DialogTurn t3 =
        agent.respond(
            context,
            t2.state(),
            new DialogEvent.CalleeSaid(
                "You're all set for Thursday at 10:30. Your confirmation number is BSD4417."),
            sink);
    assertThat(t3.actions())
        .containsExactly(
            new AgentAction.CallTool(
                "record_fact", Map.of("key", "confirmation_code", "value", "BSD4417")),
            new AgentAction.Speak("Thank you, that's confirmation BSD-4417. Goodbye!", true),
            new AgentAction.HangUp("completed"));
    assertThat(t3.state().ended()).isTrue();
    assertThat(t3.state().outcome()).isEqualTo("completed");

    // The wire: bearer key, streaming with usage, tools offered, the conversation replayed.
    FakeModelServer.Received last = server.received().get(3);
    assertThat(last.headers().getFirst("Authorization"))
        .isEqualTo("Bearer " + FakeChatProvider.OPENAI_KEY);
    assertThat(last.body().get("stream").asBoolean()).isTrue();
    assertThat(last.body().get("stream_options").get("include_usage").asBoolean()).isTrue();
    assertThat(last.body().get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(last.body().get("tools").findValuesAsText("name"))
        .contains(
            "record_fact",
            "send_dtmf",
            "request_approval",
            "transfer",
            "hang_up",
            "add_to_do_not_call");
    JsonNode history = last.body().get("messages");
    assertThat(history.get(0).get("role").asText()).isEqualTo("system");
    assertThat(history.get(0).get("content").asText())
        .contains("AI assistant", "Never say these words or phrases: \"guaranteed\", \"I promise\"")
        .contains("Never share Alex's email")
        .contains("Price must not exceed $150");
    assertThat(history.get(2).get("content").asText()).isEqualTo(OPENING);

    // The ledger: four calls, tokens from usage, cost from the price table.
    assertThat(ledger.usages()).hasSize(4);
    assertThat(ledger.inputTokens()).isEqualTo(812 + 905 + 960 + 1010);
    assertThat(ledger.outputTokens()).isEqualTo(31 + 48 + 22 + 40);
    assertThat(ledger.cost())
        .isEqualByComparingTo(
            new BigDecimal("0.15")
                .multiply(BigDecimal.valueOf(3687))
                .add(new BigDecimal("0.60").multiply(BigDecimal.valueOf(141)))
                .divide(BigDecimal.valueOf(1_000_000)));
    assertThat(ledger.fallbacks()).isEmpty();
  }

  @Test
  void firstSentenceReachesTheSinkWhileTheModelIsStillWriting() {
    CountDownLatch firstHeard = new CountDownLatch(1);
    server.then(
        FakeModelServer.sse(
                OpenAiWire.stream()
                    .text("Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan. ")
                    .text("I'd like to book a cleaning.")
                    .finish("stop", 10, 10))
            .waitAfter(3, firstHeard));
    RecordingSink sink =
        new RecordingSink() {
          @Override
          public synchronized void sentence(String sentence) {
            super.sentence(sentence);
            // Only the sentence that streamed before the server paused can open the gate.
            events.add(firstHeard.getCount() == 1 ? "<before rest of stream>" : "<after>");
            firstHeard.countDown();
          }
        };
    DialogTurn t =
        agent.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered(), sink);
    assertThat(sink.events)
        .containsExactly(
            "Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.",
            "<before rest of stream>",
            "I'd like to book a cleaning.",
            "<after>");
    assertThat(t.actions()).hasSize(1);
  }

  @Test
  void openingWithoutDisclosureGetsTheDisclosureFirstAndForbiddenPhrasesAreRemoved() {
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text("Good morning! I promise this is quick: I'd like to book a cleaning.")
                .finish("stop", 10, 10)));
    RecordingSink sink = new RecordingSink();
    DialogTurn t =
        agent.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered(), sink);
    assertThat(sink.events)
        .containsExactly(
            "Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.",
            "Good morning!",
            "This is quick: I'd like to book a cleaning.");
    assertThat(((AgentAction.Speak) t.actions().get(0)).text())
        .isEqualTo(String.join(" ", sink.events));
  }

  @Test
  void bargeInStopsReadingTheModelAndKeepsOnlyWhatWasSaid() {
    CountDownLatch heard = new CountDownLatch(1);
    server.then(
        FakeModelServer.sse(
                OpenAiWire.stream()
                    .text("Thursday at 10:30 works. ")
                    .text("Could you book")
                    .text(" it for Alex? Goodbye.")
                    .toolStart(0, "call_bye", "hang_up", "{\"reason\":\"completed\"}")
                    .finish("tool_calls", 10, 10))
            .waitAfter(3, heard));
    RecordingSink sink =
        new RecordingSink() {
          @Override
          public synchronized void sentence(String sentence) {
            super.sentence(sentence);
            heard.countDown();
          }

          @Override
          public boolean cancelled() {
            // The callee starts talking as soon as the first sentence plays.
            return heard.getCount() == 0;
          }
        };
    ConversationState afterOpening =
        rules.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered()).state();
    DialogTurn t =
        agent.respond(
            context, afterOpening, new DialogEvent.CalleeSaid("We have Thursday at 10:30."), sink);
    assertThat(t.actions())
        .containsExactly(new AgentAction.Speak("Thursday at 10:30 works.", true));
    assertThat(t.state().ended()).isFalse();
    assertThat(sink.events).containsExactly("Thursday at 10:30 works.");
    assertThat(ledger.fallbacks()).isEmpty();

    // The barge-in that follows cuts the turn to what was heard.
    DialogTurn cut =
        agent.respond(context, t.state(), new DialogEvent.BargeIn("Thursday at"), sink);
    assertThat(cut.actions()).isEmpty();
    assertThat(cut.state().turns().get(cut.state().turns().size() - 1))
        .isEqualTo(
            new dev.parley.agent.dialog.Turn(
                dev.parley.agent.dialog.Turn.Speaker.AGENT, "Thursday at", true));
  }

  @Test
  void providerErrorBodyIsTypedNotRetriedAndTheRulesAnswer() {
    server.then(
        FakeModelServer.error(
            401,
            "{\"error\":{\"message\":\"Incorrect API key provided: sk-test***.\",\"type\":"
                + "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
            Map.of()));
    RecordingSink sink = new RecordingSink();
    DialogTurn t =
        agent.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered(), sink);
    DialogTurn expected =
        rules.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered());
    assertThat(t).isEqualTo(expected);
    assertThat(server.received()).hasSize(1);
    assertThat(ledger.fallbacks()).hasSize(1);
    assertThat(ledger.fallbacks().get(0).reason())
        .contains("HTTP_STATUS", "401", "invalid_api_key", "Incorrect API key");
    assertThat(ledger.fallbacks().get(0).brain()).isEqualTo(Brain.DIALOG);
    assertThat(String.join(" ", sink.live()))
        .isEqualTo(((AgentAction.Speak) expected.actions().get(0)).text());
  }

  @Test
  void rateLimitIsRetriedAfterTheRetryAfterTheServerAsked() {
    server.then(
        FakeModelServer.error(
            429,
            "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini\",\"type\":\"requests\","
                + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
            Map.of("Retry-After", "2")));
    server.then(
        FakeModelServer.error(
            503,
            "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\"}}",
            Map.of()));
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text("Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.")
                .finish("stop", 10, 10)));
    DialogTurn t =
        agent.respond(
            context,
            ConversationState.initial(),
            new DialogEvent.CallAnswered(),
            SentenceSink.NONE);
    assertThat(server.received()).hasSize(3);
    assertThat(provider.sleeper.waits.get(0)).isEqualTo(Duration.ofSeconds(2));
    // Without Retry-After the backoff is jittered within base * 2 (the second retry).
    assertThat(provider.sleeper.waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(1000));
    assertThat(t.actions())
        .containsExactly(
            new AgentAction.Speak(
                "Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.", false));
    assertThat(ledger.fallbacks()).isEmpty();
  }

  @Test
  void connectionDroppedMidStreamDiscardsWhatStreamedAndAppliesNothing() {
    CountDownLatch heard = new CountDownLatch(1);
    ConversationState afterOpening =
        rules.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered()).state();
    server.then(
        FakeModelServer.sse(
                OpenAiWire.stream()
                    .toolStart(0, "call_time", "record_fact", "{\"key\":\"appointment_time\",")
                    .toolArgs(0, "\"value\":\"2026-11-26T10:30-05:00\"}")
                    .text("Thursday at 10:30 works. ")
                    .text("Could you")
                    .finish("tool_calls", 10, 10))
            // The drop comes once the first sentence was heard, so it is certain to have streamed.
            .waitAfter(5, heard)
            .dropAfter(5));
    RecordingSink sink =
        new RecordingSink() {
          @Override
          public synchronized void sentence(String sentence) {
            super.sentence(sentence);
            heard.countDown();
          }
        };
    DialogEvent said = new DialogEvent.CalleeSaid("We could do Thursday the 26th at 10:30 a.m.");
    DialogTurn t = agent.respond(context, afterOpening, said, sink);

    DialogTurn expected = rules.respond(context, afterOpening, said);
    assertThat(t).isEqualTo(expected);
    assertThat(sink.events.get(0)).isEqualTo("Thursday at 10:30 works.");
    assertThat(sink.events.get(1)).isEqualTo("<discard>");
    assertThat(String.join(" ", sink.live()))
        .isEqualTo(
            expected.actions().stream()
                .filter(a -> a instanceof AgentAction.Speak)
                .map(a -> ((AgentAction.Speak) a).text())
                .findFirst()
                .orElseThrow());
    assertThat(ledger.fallbacks())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("TRANSPORT"));
    // A stream that broke is not retried: its words may have been heard.
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void invalidToolCallIsRetriedOnceWithTheReasonThenTheRulesAnswer() {
    for (int i = 0; i < 2; i++) {
      server.then(
          FakeModelServer.sse(
              OpenAiWire.stream()
                  .toolStart(0, "call_x", "book_slot", "{\"when\":\"Thursday\"}")
                  .finish("tool_calls", 10, 10)));
    }
    ConversationState afterOpening =
        rules.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered()).state();
    DialogEvent said = new DialogEvent.CalleeSaid("We have Thursday at 10:30.");
    DialogTurn t = agent.respond(context, afterOpening, said, new RecordingSink());

    assertThat(t).isEqualTo(rules.respond(context, afterOpening, said));
    assertThat(server.received()).hasSize(2);
    JsonNode retry = server.received().get(1).body().get("messages");
    assertThat(retry.get(retry.size() - 1).get("content").asText())
        .contains("your previous reply was rejected: there is no tool named 'book_slot'");
    assertThat(ledger.fallbacks())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).startsWith("invalid output twice"));
    assertThat(ledger.usages()).hasSize(2);
  }

  @Test
  void invalidOutputOnceThenValidIsUsed() {
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .toolStart(0, "call_1", "send_dtmf", "{\"digits\":\"one\"}")
                .finish("tool_calls", 10, 10)));
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .toolStart(0, "call_2", "send_dtmf", "{\"digits\":\"1\"}")
                .finish("tool_calls", 10, 10)));
    ConversationState afterOpening =
        rules.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered()).state();
    DialogTurn t =
        agent.respond(
            context,
            afterOpening,
            new DialogEvent.CalleeSaid("For appointments, press 1. For billing, press 2."),
            new RecordingSink());
    assertThat(t.actions()).containsExactly(new AgentAction.SendDtmf("1"));
    assertThat(t.state().phase()).isEqualTo(ConversationState.Phase.MENU);
    assertThat(ledger.fallbacks()).isEmpty();
  }

  @Test
  void optOutIsHonouredEvenWhenTheModelForgetsTheTool() {
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text("I'm sorry to have bothered you. Goodbye.")
                .finish("stop", 10, 10)));
    ConversationState afterOpening =
        rules.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered()).state();
    DialogTurn t =
        agent.respond(
            context,
            afterOpening,
            new DialogEvent.CalleeSaid("Please take this number off your list and stop calling."),
            new RecordingSink());
    assertThat(t.actions())
        .containsExactly(
            new AgentAction.Speak("I'm sorry to have bothered you. Goodbye.", true),
            new AgentAction.AddToDoNotCall(
                "+12125550101", "Please take this number off your list and stop calling."),
            new AgentAction.HangUp("opt_out"));
    assertThat(List.of(t.state().outcome())).containsExactly("opt_out");
  }
}
