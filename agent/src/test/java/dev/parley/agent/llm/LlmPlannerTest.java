package dev.parley.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.agent.llm.planning.LlmCallPlanner;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.GoalKind;
import dev.parley.agent.planning.PlanRequest;
import dev.parley.agent.planning.PlanningFixtures;
import dev.parley.agent.planning.RuleBasedCallPlanner;
import dev.parley.agent.planning.SharedFact;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The LLM planner against fake OpenAI and Anthropic servers. */
class LlmPlannerTest {

  /** What a model answers for the dental instruction. */
  static final String PLAN_JSON =
      """
      {"instruction": "Book a dental cleaning with my dentist next week, mornings if possible, \
      no more than $150",
       "goal": "Book a dental cleaning for Alex Morgan at Bright Smile Dental next week, \
      ideally in the morning, for no more than $150.",
       "goal_kind": "book_appointment",
       "topic": "dental cleaning",
       "contact": {"id": "dentist", "name": "Dr. Chen", "company": "Bright Smile Dental",
                   "phone": "+12125550101", "notes": "my dentist", "kind": "business"},
       "contact_candidates": [],
       "target_phone": "(212) 555-0101",
       "time_window": {"earliest": "2026-11-23T08:00-05:00[America/New_York]",
                       "latest": "2026-11-27T17:00-05:00[America/New_York]",
                       "preferred_part_of_day": "morning",
                       "raw": "next week, mornings if possible"},
       "money_limit": {"max": "150", "currency": "USD", "raw": "no more than $150"},
       "party_size": null,
       "tone": "friendly",
       "hard_constraints": ["Appointment next week", "Price must not exceed $150"],
       "soft_preferences": ["Morning appointment"],
       "questions": ["Is there anything Alex should bring?"],
       "facts_to_share": [{"field": "full_name", "value": "Alex Morgan"},
                          {"field": "note", "value": "Alex is a returning patient"},
                          {"field": "contact", "value": "alex@example.com"}],
       "missing": [],
       "planned_at": null}
      """;

  private FakeChatProvider provider;
  private FakeModelServer server;
  private final CallLedger ledger = new CallLedger();

  @AfterEach
  void stop() {
    provider.close();
  }

  private LlmCallPlanner openAi() throws Exception {
    return planner(FakeChatProvider.openAi());
  }

  private LlmCallPlanner anthropic() throws Exception {
    return planner(FakeChatProvider.anthropic(2048));
  }

  private LlmCallPlanner planner(FakeChatProvider p) {
    provider = p;
    server = p.server;
    return new LlmCallPlanner(p.brain(), new RuleBasedCallPlanner(), ledger);
  }

  private static List<String> inPieces(String text, int size) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      out.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return out;
  }

  private static void assertDentalPlan(CallPlan p) {
    assertThat(p.goalKind()).isEqualTo(GoalKind.BOOK_APPOINTMENT);
    assertThat(p.instruction()).isEqualTo(LlmFixtures.INSTRUCTION);
    assertThat(p.contact()).isEqualTo(PlanningFixtures.CONTACTS.get(0));
    assertThat(p.targetPhone()).isEqualTo("+12125550101");
    assertThat(p.moneyLimit().max()).isEqualByComparingTo("150");
    assertThat(p.timeWindow().earliest().getDayOfMonth()).isEqualTo(23);
    assertThat(p.plannedAt()).isEqualTo(PlanningFixtures.NOW);
    assertThat(p.readyToCall()).isTrue();
    // The email was not allowed, so the fact carrying it is gone; allowed details are the owner's.
    assertThat(p.factsToShare())
        .containsExactly(
            new SharedFact("note", "Alex is a returning patient"),
            new SharedFact("full_name", "Alex Morgan"),
            new SharedFact("callback_phone", "+12125550147"));
  }

  @Test
  void openAiPlanComesAsStrictJsonSchemaOutput() throws Exception {
    LlmCallPlanner planner = openAi();
    OpenAiWire w = OpenAiWire.stream();
    inPieces(PLAN_JSON, 40).forEach(w::text);
    server.then(FakeModelServer.sse(w.finish("stop", 1500, 420)));

    CallPlan p =
        planner.plan(LlmFixtures.INSTRUCTION, PlanningFixtures.CONTEXT, PlanningFixtures.NOW);

    assertDentalPlan(p);
    JsonNode body = server.received().get(0).body();
    JsonNode format = body.get("response_format");
    assertThat(format.get("type").asText()).isEqualTo("json_schema");
    assertThat(format.get("json_schema").get("name").asText()).isEqualTo("call_plan");
    assertThat(format.get("json_schema").get("strict").asBoolean()).isTrue();
    JsonNode schema = format.get("json_schema").get("schema");
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
    assertThat(schema.get("required").size()).isEqualTo(schema.get("properties").size());
    assertThat(body.has("tools")).isFalse();
    assertThat(body.get("messages").get(1).get("content").asText())
        .contains("id=dentist", "Now: 2026-11-18T09:00-05:00[America/New_York]");
    assertThat(ledger.usages())
        .singleElement()
        .satisfies(u -> assertThat(u.brain()).isEqualTo(Brain.PLANNER));
    assertThat(ledger.fallbacks()).isEmpty();
  }

  @Test
  void anthropicPlanComesAsTheInputOfAForcedTool() throws Exception {
    LlmCallPlanner planner = anthropic();
    String[] pieces = inPieces(PLAN_JSON, 64).toArray(String[]::new);
    server.then(
        FakeModelServer.sse(
            AnthropicWire.stream(1400)
                .toolUse("toolu_plan", "call_plan", pieces)
                .finish("tool_use", 400)));

    CallPlan p =
        planner.plan(LlmFixtures.INSTRUCTION, PlanningFixtures.CONTEXT, PlanningFixtures.NOW);

    assertDentalPlan(p);
    JsonNode body = server.received().get(0).body();
    assertThat(body.get("tool_choice").get("type").asText()).isEqualTo("tool");
    assertThat(body.get("tool_choice").get("name").asText()).isEqualTo("call_plan");
    assertThat(body.get("tools").get(0).get("input_schema").get("properties").has("goal_kind"))
        .isTrue();
    assertThat(ledger.inputTokens()).isEqualTo(1400);
  }

  @Test
  void requestValuesWinOverTheModel() throws Exception {
    LlmCallPlanner planner = openAi();
    server.then(FakeModelServer.sse(OpenAiWire.stream().text(PLAN_JSON).finish("stop", 1, 1)));
    PlanRequest request =
        new PlanRequest(
            LlmFixtures.INSTRUCTION,
            null,
            "+1 212 555 0199",
            new BigDecimal("130"),
            null,
            List.of("Only with Dr. Chen"),
            List.of());
    CallPlan p = planner.plan(request, PlanningFixtures.CONTEXT, PlanningFixtures.NOW);
    assertThat(p.targetPhone()).isEqualTo("+12125550199");
    assertThat(p.moneyLimit().max()).isEqualByComparingTo("130");
    assertThat(p.hardConstraints()).endsWith("Only with Dr. Chen");
  }

  @Test
  void unknownContactIsRejectedOnceThenTheCorrectedPlanIsUsed() throws Exception {
    LlmCallPlanner planner = openAi();
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text(PLAN_JSON.replace("\"id\": \"dentist\"", "\"id\": \"dr-chen\""))
                .finish("stop", 1, 1)));
    server.then(FakeModelServer.sse(OpenAiWire.stream().text(PLAN_JSON).finish("stop", 1, 1)));

    CallPlan p =
        planner.plan(LlmFixtures.INSTRUCTION, PlanningFixtures.CONTEXT, PlanningFixtures.NOW);

    assertDentalPlan(p);
    JsonNode retry = server.received().get(1).body().get("messages");
    assertThat(retry.get(2).get("role").asText()).isEqualTo("assistant");
    assertThat(retry.get(3).get("content").asText())
        .contains("contact id 'dr-chen' is not in the owner's contacts");
    assertThat(ledger.fallbacks()).isEmpty();
  }

  @Test
  void invalidJsonTwiceFallsBackToTheRuleBasedPlan() throws Exception {
    LlmCallPlanner planner = openAi();
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .text("{\"goal\": \"Book a cleaning\", \"goal_kind\": ")
                .finish("length", 1, 1)));
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream().text("Sure! Here is the plan.").finish("stop", 1, 1)));

    CallPlan p =
        planner.plan(LlmFixtures.INSTRUCTION, PlanningFixtures.CONTEXT, PlanningFixtures.NOW);

    assertThat(p)
        .isEqualTo(
            new RuleBasedCallPlanner()
                .plan(LlmFixtures.INSTRUCTION, PlanningFixtures.CONTEXT, PlanningFixtures.NOW));
    assertThat(ledger.fallbacks())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.brain()).isEqualTo(Brain.PLANNER);
              assertThat(f.reason())
                  .startsWith("invalid output twice: the answer is not valid JSON");
            });
  }

  @Test
  void aPlanWithoutANumberAsksTheOwnerForOne() throws Exception {
    LlmCallPlanner planner = openAi();
    String json =
        PLAN_JSON
            .replace("\"target_phone\": \"(212) 555-0101\"", "\"target_phone\": null")
            .replaceAll("\"contact\": \\{[^}]*\\}", "\"contact\": null");
    server.then(FakeModelServer.sse(OpenAiWire.stream().text(json).finish("stop", 1, 1)));
    CallPlan p =
        planner.plan(
            "Book a dental cleaning with a new dentist",
            PlanningFixtures.CONTEXT,
            PlanningFixtures.NOW);
    assertThat(p.readyToCall()).isFalse();
    assertThat(p.missing()).extracting(m -> m.field()).containsExactly("contact_phone");
    assertThat(Map.of("instruction", p.instruction()))
        .containsEntry("instruction", "Book a dental cleaning with a new dentist");
  }
}
