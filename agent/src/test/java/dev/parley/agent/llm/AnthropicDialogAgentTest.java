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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LLM dialog agent holding a dental booking through a fake Anthropic Messages server. */
class AnthropicDialogAgentTest {

  private FakeChatProvider provider;
  private FakeModelServer server;
  private CallLedger ledger;
  private LlmDialogAgent agent;
  private final DialogContext context = LlmFixtures.context();
  private final RuleBasedDialogAgent rules = new RuleBasedDialogAgent(LlmFixtures.CLOCK);

  @BeforeEach
  void start() throws Exception {
    provider = FakeChatProvider.anthropic(512);
    server = provider.server;
    ledger = new CallLedger();
    agent = new LlmDialogAgent(provider.brain(), rules, LlmFixtures.CLOCK, ledger);
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  @Test
  void holdsADentalBookingWithParallelToolUseAndToolResultsFedBack() {
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(1200)
                .text(
                    "Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan. I'd",
                    " like to book a cleaning with Dr. Chen next week, in the morning if",
                    " possible.")
                .finish("end_turn", 35)));
    // The callee offers a time and a price over the limit: two facts, then the approval.
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(1350)
                .toolUse(
                    "toolu_01Time",
                    "record_fact",
                    "{\"key\": \"appointment_time\", ",
                    "\"value\": \"2026-11-24T09:00-05:00\"}")
                .toolUse(
                    "toolu_01Price",
                    "record_fact",
                    "{\"key\": \"price_raw\", \"value\": ",
                    "\"$180\"}")
                .finish("tool_use", 60)));
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(1420)
                .text(
                    "Tuesday at 9 a.m. sounds good. ",
                    "Let me check the $180 with Alex, one moment.")
                .toolUse(
                    "toolu_01Ask",
                    "request_approval",
                    "{\"reason\": \"Cleaning on Tuesday at 9 a.m. costs $180\", \"amount\": \"180\"}")
                .finish("tool_use", 44)));
    RecordingSink sink = new RecordingSink();

    DialogTurn t1 =
        agent.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered(), sink);
    assertThat(t1.actions()).hasSize(1);
    assertThat(sink.events)
        .containsExactly(
            "Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.",
            "I'd like to book a cleaning with Dr. Chen next week, in the morning if possible.");

    sink.events.clear();
    DialogTurn t2 =
        agent.respond(
            context,
            t1.state(),
            new DialogEvent.CalleeSaid(
                "Hi Parley, we have Tuesday at 9 in the morning. The cleaning is 180 dollars."),
            sink);
    assertThat(t2.actions())
        .containsExactly(
            new AgentAction.CallTool(
                "record_fact",
                Map.of("key", "appointment_time", "value", "2026-11-24T09:00-05:00")),
            new AgentAction.CallTool("record_fact", Map.of("key", "price_raw", "value", "$180")),
            new AgentAction.CallTool("record_fact", Map.of("key", "price", "value", "180")),
            new AgentAction.Speak(
                "Tuesday at 9 a.m. sounds good. Let me check the $180 with Alex, one moment.",
                true),
            new AgentAction.RequestApproval(
                "Cleaning on Tuesday at 9 a.m. costs $180", new BigDecimal("180")));
    assertThat(sink.events)
        .containsExactly(
            "Tuesday at 9 a.m. sounds good.", "Let me check the $180 with Alex, one moment.");
    assertThat(t2.state().phase()).isEqualTo(ConversationState.Phase.AWAITING_APPROVAL);

    // Round 2 of turn 2: the assistant's tool_use blocks, then one user message of tool_results.
    FakeModelServer.Received round2 = server.received().get(2);
    assertThat(round2.headers().getFirst("x-api-key")).isEqualTo(FakeChatProvider.ANTHROPIC_KEY);
    assertThat(round2.headers().getFirst("anthropic-version")).isEqualTo("2023-06-01");
    JsonNode body = round2.body();
    assertThat(body.get("max_tokens").asInt()).isEqualTo(512);
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.get("system").asText()).contains("AI assistant", "Never share Alex's email");
    assertThat(body.get("tools").get(0).has("input_schema")).isTrue();
    JsonNode messages = body.get("messages");
    assertThat(messages.get(0).get("role").asText()).isEqualTo("user");
    JsonNode assistant = messages.get(messages.size() - 2);
    assertThat(assistant.get("role").asText()).isEqualTo("assistant");
    assertThat(assistant.get("content").get(0).get("type").asText()).isEqualTo("tool_use");
    assertThat(assistant.get("content").get(0).get("input").get("value").asText())
        .isEqualTo("2026-11-24T09:00-05:00");
    JsonNode results = messages.get(messages.size() - 1);
    assertThat(results.get("role").asText()).isEqualTo("user");
    assertThat(results.get("content").findValuesAsText("tool_use_id"))
        .containsExactly("toolu_01Time", "toolu_01Price");
    for (int i = 1; i < messages.size(); i++) {
      assertThat(messages.get(i).get("role").asText())
          .isNotEqualTo(messages.get(i - 1).get("role").asText());
    }

    // The owner approves; the agent books.
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(1500)
                .text("Thanks for holding. Alex is happy with $180, please go ahead and book it.")
                .finish("end_turn", 20)));
    DialogTurn t3 =
        agent.respond(context, t2.state(), new DialogEvent.ApprovalDecided(true, null), sink);
    assertThat(t3.actions().get(0))
        .isEqualTo(
            new AgentAction.CallTool(
                "record_fact", Map.of("key", "approval", "value", "approved:180")));
    assertThat(t3.state().phase()).isEqualTo(ConversationState.Phase.PURSUING);
    assertThat(server.received().get(3).body().get("messages").toString())
        .contains("the owner approved the amount 180");

    assertThat(ledger.inputTokens()).isEqualTo(1200 + 1350 + 1420 + 1500);
    assertThat(ledger.outputTokens()).isEqualTo(35 + 60 + 44 + 20);
    assertThat(ledger.cost())
        .isEqualByComparingTo(
            BigDecimal.valueOf(5470).add(BigDecimal.valueOf(159 * 5)).movePointLeft(6));
  }

  @Test
  void overloadedIsRetriedThenSucceeds() {
    server.then(
        FakeModelServer.error(
            529, AnthropicWire.errorBody("overloaded_error", "Overloaded"), Map.of()));
    server.then(
        FakeModelServer.error(
            429,
            AnthropicWire.errorBody("rate_limit_error", "Number of request tokens has exceeded"),
            Map.of("retry-after", "3")));
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(10)
                .text("Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.")
                .finish("end_turn", 12)));
    DialogTurn t =
        agent.respond(
            context,
            ConversationState.initial(),
            new DialogEvent.CallAnswered(),
            SentenceSink.NONE);
    assertThat(server.received()).hasSize(3);
    assertThat(provider.sleeper.waits).hasSize(2);
    assertThat(provider.sleeper.waits.get(1)).isEqualTo(Duration.ofSeconds(3));
    assertThat(t.actions()).hasSize(1);
    assertThat(ledger.fallbacks()).isEmpty();
  }

  @Test
  void badRequestErrorIsNotRetriedAndTheRulesAnswer() {
    server.then(
        FakeModelServer.error(
            400,
            AnthropicWire.errorBody("invalid_request_error", "max_tokens: Field required"),
            Map.of()));
    DialogTurn t =
        agent.respond(
            context,
            ConversationState.initial(),
            new DialogEvent.CallAnswered(),
            SentenceSink.NONE);
    assertThat(t)
        .isEqualTo(
            rules.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered()));
    assertThat(server.received()).hasSize(1);
    assertThat(ledger.fallbacks().get(0).reason())
        .contains("400", "invalid_request_error", "max_tokens: Field required");
  }

  @Test
  void errorEventMidStreamDiscardsWhatStreamedAndTheRulesAnswer() {
    ConversationState afterOpening =
        rules.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered()).state();
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(10)
                .text("Tuesday at 9 works for Alex. ", "And the price would")
                .error("overloaded_error", "Overloaded")));
    RecordingSink sink = new RecordingSink();
    DialogEvent said = new DialogEvent.CalleeSaid("We have Tuesday at 9 a.m., it's 120 dollars.");
    DialogTurn t = agent.respond(context, afterOpening, said, sink);
    assertThat(t).isEqualTo(rules.respond(context, afterOpening, said));
    assertThat(sink.events.subList(0, 2))
        .containsExactly("Tuesday at 9 works for Alex.", "<discard>");
    assertThat(ledger.fallbacks())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("STREAM_ERROR", "overloaded_error"));
  }

  @Test
  void connectionDroppedBeforeMessageStopFallsBackWithNothingApplied() {
    ConversationState afterOpening =
        rules.respond(context, ConversationState.initial(), new DialogEvent.CallAnswered()).state();
    server.then(
        FakeModelServer.sse(
                AnthropicWire.stream(10)
                    .toolUse("toolu_1", "record_fact", "{\"key\": \"price\", \"value\": \"120\"}")
                    .toolUse("toolu_2", "hang_up", "{\"reason\": \"completed\"}")
                    .finish("tool_use", 5))
            .dropAfter(9));
    DialogEvent said = new DialogEvent.CalleeSaid("It's 120 dollars.");
    DialogTurn t = agent.respond(context, afterOpening, said, new RecordingSink());
    assertThat(t).isEqualTo(rules.respond(context, afterOpening, said));
    assertThat(t.actions()).doesNotContain(new AgentAction.HangUp("completed"));
    assertThat(ledger.fallbacks()).hasSize(1);
  }
}
