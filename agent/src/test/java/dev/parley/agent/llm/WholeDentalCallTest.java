package dev.parley.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.analysis.CallAnalysis;
import dev.parley.agent.analysis.CallOutcome;
import dev.parley.agent.analysis.TranscriptSegment;
import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.dialog.Turn;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.PlanningFixtures;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One dental booking from instruction to write-up through {@link LlmBrains} built from the
 * environment, against a fake Anthropic server: the planner, three dialog turns and the analyst all
 * report to one call's ledger.
 */
class WholeDentalCallTest {

  @Test
  void planCallAndWriteUpShareOneLedger() throws Exception {
    try (FakeModelServer server = new FakeModelServer("/v1/messages");
        LlmBrains brains =
            LlmBrains.fromEnvironment(
                Map.of(
                    "PARLEY_AGENT_PROVIDER", "anthropic",
                    "ANTHROPIC_API_KEY", "sk-ant-whole-call",
                    "ANTHROPIC_BASE_URL", server.url(),
                    "PARLEY_LLM_PRICES", "claude-haiku-4-5=1/5"),
                LlmFixtures.CLOCK,
                BrainListener.NONE)) {
      server
          .then(
              FakeModelServer.sse(
                  AnthropicWire.stream(1400)
                      .toolUse("toolu_plan", "call_plan", LlmPlannerTest.PLAN_JSON)
                      .finish("tool_use", 400)))
          .then(
              FakeModelServer.sse(
                  AnthropicWire.stream(1200)
                      .text(
                          "Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.",
                          " I'd like to book a cleaning next week, in the morning if possible.")
                      .finish("end_turn", 30)))
          .then(
              FakeModelServer.sse(
                  AnthropicWire.stream(1300)
                      .text("Tuesday at 9 a.m. is perfect, please book it.")
                      .toolUse(
                          "toolu_t",
                          "record_fact",
                          "{\"key\": \"appointment_time\", \"value\": \"2026-11-24T09:00-05:00\"}")
                      .toolUse("toolu_p", "record_fact", "{\"key\": \"price\", \"value\": \"120\"}")
                      .finish("tool_use", 50)))
          .then(
              FakeModelServer.sse(
                  AnthropicWire.stream(1400)
                      .text("Thank you, Maria. Confirmation BSD4417. Goodbye!")
                      .toolUse(
                          "toolu_c",
                          "record_fact",
                          "{\"key\": \"confirmation_code\", \"value\": \"BSD4417\"}")
                      .toolUse("toolu_h", "hang_up", "{\"reason\": \"completed\"}")
                      .finish("tool_use", 40)))
          .then(
              FakeModelServer.sse(
                  AnthropicWire.stream(2000)
                      .toolUse("toolu_a", "call_analysis", LlmAnalystTest.ANALYSIS_JSON)
                      .finish("tool_use", 250)));

      CallLedger ledger = new CallLedger();
      LlmBrains call = brains.forCall(ledger);

      CallPlan plan =
          call.planner()
              .plan(LlmFixtures.INSTRUCTION, PlanningFixtures.CONTEXT, PlanningFixtures.NOW);
      assertThat(plan.readyToCall()).isTrue();
      DialogContext ctx =
          new DialogContext(plan, PlanningFixtures.OWNER, PlanningFixtures.SETTINGS);

      List<String> spoken = new ArrayList<>();
      SentenceSink sink = spoken::add;
      ConversationState state = ConversationState.initial();
      List<DialogEvent> events =
          List.of(
              new DialogEvent.CallAnswered(),
              new DialogEvent.CalleeSaid(
                  "Bright Smile Dental, this is Maria. We have Tuesday at 9 in the morning, a"
                      + " cleaning is 120 dollars."),
              new DialogEvent.CalleeSaid(
                  "You're all set. Your confirmation number is B S D 4 4 1 7, please arrive ten"
                      + " minutes early."));
      List<AgentAction> actions = new ArrayList<>();
      for (DialogEvent e : events) {
        DialogTurn t = call.dialogAgent().respond(ctx, state, e, sink);
        state = t.state();
        actions.addAll(t.actions());
      }
      assertThat(state.outcome()).isEqualTo("completed");
      assertThat(state.slots())
          .containsEntry("appointment_time", "2026-11-24T09:00-05:00")
          .containsEntry("price", "120")
          .containsEntry("confirmation_code", "BSD4417");
      assertThat(actions.get(actions.size() - 1)).isEqualTo(new AgentAction.HangUp("completed"));
      assertThat(spoken.get(0))
          .isEqualTo("Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.");

      List<TranscriptSegment> transcript = new ArrayList<>();
      Instant at = Instant.parse("2026-11-18T14:00:00Z");
      for (Turn turn : state.turns()) {
        transcript.add(
            new TranscriptSegment(
                turn.speaker() == Turn.Speaker.AGENT
                    ? TranscriptSegment.Speaker.AGENT
                    : TranscriptSegment.Speaker.CALLEE,
                turn.text(),
                at,
                at.plusSeconds(4),
                turn.interrupted()));
        at = at.plusSeconds(5);
      }
      CallAnalysis analysis = call.analyst().analyse(plan, transcript, state.outcome());
      assertThat(analysis.outcome()).isEqualTo(CallOutcome.COMPLETED);
      assertThat(analysis.datum("confirmation_number").orElseThrow().value()).isEqualTo("BSD4417");

      assertThat(ledger.usages())
          .extracting(ModelUsage::brain)
          .containsExactly(Brain.PLANNER, Brain.DIALOG, Brain.DIALOG, Brain.DIALOG, Brain.ANALYST);
      assertThat(ledger.inputTokens()).isEqualTo(1400 + 1200 + 1300 + 1400 + 2000);
      assertThat(ledger.outputTokens()).isEqualTo(400 + 30 + 50 + 40 + 250);
      assertThat(ledger.cost())
          .isEqualByComparingTo(new BigDecimal("0.0073").add(new BigDecimal("0.00385")));
      assertThat(ledger.fallbacks()).isEmpty();
    }
  }
}
