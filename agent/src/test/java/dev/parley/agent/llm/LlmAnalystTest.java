package dev.parley.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.agent.analysis.CallAnalysis;
import dev.parley.agent.analysis.CallOutcome;
import dev.parley.agent.analysis.ExtractedDatum;
import dev.parley.agent.analysis.RuleBasedPostCallAnalyst;
import dev.parley.agent.analysis.TranscriptSegment;
import dev.parley.agent.analysis.TranscriptSegment.Speaker;
import dev.parley.agent.analysis.ValueType;
import dev.parley.agent.llm.analysis.LlmPostCallAnalyst;
import dev.parley.agent.planning.CallPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The LLM post-call analyst against fake OpenAI and Anthropic servers. */
class LlmAnalystTest {

  static final String ANALYSIS_JSON =
      """
      {"summary": "Booked a dental cleaning at Bright Smile Dental for Tuesday 24 November at \
      9:00 a.m. for $120. Confirmation number BSD4417. Arrive ten minutes early.",
       "data": [
         {"key": "appointment_time", "value": "2026-11-24T09:00-05:00", "value_type": "datetime",
          "raw": "Tuesday at 9 in the morning"},
         {"key": "price", "value": "120", "value_type": "number", "raw": "120 dollars"},
         {"key": "confirmation_number", "value": "BSD4417", "value_type": "string",
          "raw": "B S D 4 4 1 7"},
         {"key": "instructions", "value": "Arrive ten minutes early.", "value_type": "string",
          "raw": "please arrive ten minutes early"},
         {"key": "goal_achieved", "value": "true", "value_type": "boolean",
          "raw": "You're all set"}],
       "goal_achieved": true,
       "outcome": "completed",
       "follow_up_required": false,
       "follow_up_instruction": null}
      """;

  private FakeChatProvider provider;
  private FakeModelServer server;
  private final CallLedger ledger = new CallLedger();
  private final CallPlan plan = LlmFixtures.plan();
  private final RuleBasedPostCallAnalyst rules = new RuleBasedPostCallAnalyst(LlmFixtures.CLOCK);

  @AfterEach
  void stop() {
    provider.close();
  }

  static List<TranscriptSegment> transcript() {
    Instant t = Instant.parse("2026-11-18T14:00:00Z");
    String[][] lines = {
      {"AGENT", "Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan."},
      {"CALLEE", "Bright Smile Dental, this is Maria, how can I help?"},
      {"AGENT", "I'd like to book a cleaning for Alex next week, ideally in the morning."},
      {"CALLEE", "We have Tuesday at 9 in the morning. A cleaning is 120 dollars."},
      {"AGENT", "Tuesday at 9 works. Please book it."},
      {
        "CALLEE",
        "You're all set. Your confirmation number is B S D 4 4 1 7, and please arrive ten"
            + " minutes early."
      },
      {"AGENT", "Thank you, goodbye."}
    };
    List<TranscriptSegment> out = new ArrayList<>();
    for (String[] l : lines) {
      out.add(new TranscriptSegment(Speaker.valueOf(l[0]), l[1], t, t.plusSeconds(4), false));
      t = t.plusSeconds(5);
    }
    return out;
  }

  private LlmPostCallAnalyst openAi() throws Exception {
    return analyst(FakeChatProvider.openAi());
  }

  private LlmPostCallAnalyst anthropic() throws Exception {
    return analyst(FakeChatProvider.anthropic(2048));
  }

  private LlmPostCallAnalyst analyst(FakeChatProvider p) {
    provider = p;
    server = p.server;
    return new LlmPostCallAnalyst(p.brain(), rules, ledger);
  }

  private static void assertDentalAnalysis(CallAnalysis a) {
    assertThat(a.goalAchieved()).isTrue();
    assertThat(a.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(a.datum("appointment_time"))
        .contains(
            new ExtractedDatum(
                "appointment_time",
                "2026-11-24T09:00-05:00",
                ValueType.DATETIME,
                "Tuesday at 9 in the morning"));
    assertThat(a.datum("price").orElseThrow().type()).isEqualTo(ValueType.NUMBER);
    assertThat(a.datum("confirmation_number").orElseThrow().value()).isEqualTo("BSD4417");
    assertThat(a.followUpInstruction()).isNull();
  }

  @Test
  void openAiAnalysisComesAsJsonSchemaOutput() throws Exception {
    LlmPostCallAnalyst analyst = openAi();
    server.then(
        FakeModelServer.sse(OpenAiWire.stream().text(ANALYSIS_JSON).finish("stop", 2100, 260)));
    CallAnalysis a = analyst.analyse(plan, transcript(), "completed");
    assertDentalAnalysis(a);
    JsonNode body = server.received().get(0).body();
    assertThat(body.get("response_format").get("json_schema").get("name").asText())
        .isEqualTo("call_analysis");
    assertThat(body.get("messages").get(1).get("content").asText())
        .contains("callee: We have Tuesday at 9 in the morning.", "Hang-up reason: completed");
    assertThat(ledger.usages())
        .singleElement()
        .satisfies(u -> assertThat(u.brain()).isEqualTo(Brain.ANALYST));
  }

  @Test
  void anthropicAnalysisComesAsTheInputOfAForcedTool() throws Exception {
    LlmPostCallAnalyst analyst = anthropic();
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(2000)
                .toolUse(
                    "toolu_a",
                    "call_analysis",
                    ANALYSIS_JSON.substring(0, 100),
                    ANALYSIS_JSON.substring(100))
                .finish("tool_use", 250)));
    assertDentalAnalysis(analyst.analyse(plan, transcript(), "completed"));
    assertThat(server.received().get(0).body().get("tool_choice").get("name").asText())
        .isEqualTo("call_analysis");
  }

  @Test
  void aValueNotInItsCanonicalFormIsRetriedOnce() throws Exception {
    LlmPostCallAnalyst analyst = openAi();
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text(ANALYSIS_JSON.replace("\"2026-11-24T09:00-05:00\"", "\"Tuesday 9am\""))
                .finish("stop", 1, 1)));
    server.then(FakeModelServer.sse(OpenAiWire.stream().text(ANALYSIS_JSON).finish("stop", 1, 1)));
    assertDentalAnalysis(analyst.analyse(plan, transcript(), "completed"));
    assertThat(server.received().get(1).body().get("messages").toString())
        .contains("appointment_time value 'Tuesday 9am' is not a canonical datetime");
    assertThat(ledger.fallbacks()).isEmpty();
  }

  @Test
  void aCertainEndingDecidesTheOutcome() throws Exception {
    LlmPostCallAnalyst analyst = openAi();
    server.then(FakeModelServer.sse(OpenAiWire.stream().text(ANALYSIS_JSON).finish("stop", 1, 1)));
    assertThat(analyst.analyse(plan, transcript(), "opt_out").outcome())
        .isEqualTo(CallOutcome.OPTED_OUT);
  }

  @Test
  void serverErrorsUntilAttemptsAreSpentFallBackToTheRules() throws Exception {
    LlmPostCallAnalyst analyst = openAi();
    for (int i = 0; i < 3; i++) {
      server.then(
          FakeModelServer.error(
              500,
              "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                  + "\"type\":\"server_error\",\"param\":null,\"code\":null}}",
              Map.of()));
    }
    CallAnalysis a = analyst.analyse(plan, transcript(), "completed");
    assertThat(a).isEqualTo(rules.analyse(plan, transcript(), "completed"));
    assertThat(server.received()).hasSize(3);
    assertThat(ledger.fallbacks())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("500", "server_error"));
  }
}
