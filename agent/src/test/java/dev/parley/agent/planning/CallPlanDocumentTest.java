package dev.parley.agent.planning;

import static dev.parley.agent.planning.PlanningFixtures.CONTEXT;
import static dev.parley.agent.planning.PlanningFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallPlanDocumentTest {

  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Book a dentist cleaning this week under $150",
        "Book a table for 4 at Luigi's Saturday 7pm",
        "Call the doctor and book a checkup",
        "Dispute the $89.99 charge with Comcast at 800-934-6489",
        "Call the pizza place and order a large pepperoni",
      })
  void roundTripsThroughJsonText(String instruction) throws Exception {
    CallPlan plan = new RuleBasedCallPlanner().plan(instruction, CONTEXT, NOW);
    String text = json.writeValueAsString(CallPlanDocument.toMap(plan));
    Map<String, Object> tree = json.readValue(text, new TypeReference<Map<String, Object>>() {});
    assertThat(CallPlanDocument.fromMap(tree)).isEqualTo(plan);
  }

  @org.junit.jupiter.api.Test
  void documentUsesWireNames() {
    CallPlan plan =
        new RuleBasedCallPlanner()
            .plan("Book a dentist cleaning this week under $150", CONTEXT, NOW);
    Map<String, Object> doc = CallPlanDocument.toMap(plan);
    assertThat(doc)
        .containsEntry("goal_kind", "book_appointment")
        .containsEntry("tone", "friendly");
    assertThat(doc.get("money_limit"))
        .isEqualTo(Map.of("max", "150", "currency", "USD", "raw", "under $150"));
    assertThatThrownBy(() -> CallPlanDocument.fromMap(Map.of("planned_at", "yesterday")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed");
  }
}
