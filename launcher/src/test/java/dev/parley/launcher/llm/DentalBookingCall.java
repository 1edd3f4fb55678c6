package dev.parley.launcher.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.launcher.WholeCallHarness;
import dev.parley.launcher.support.IsolatedDatabase;
import dev.parley.simulation.persona.PersonaCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The dental booking call the brain tests place (PersonaCatalog.DENTAL, SIMULATION) and what must
 * be stored once it is over, whichever provider held it.
 */
final class DentalBookingCall {

  static final String INSTRUCTION =
      "Call Bright Smile Dental and book the earliest cleaning, under $150";

  private DentalBookingCall() {}

  /**
   * The control plane's properties: {@code pairs} (name, value, ...) on a database of its own, so
   * its dispatcher dials only this class's tasks.
   */
  static Map<String, Object> properties(String... pairs) {
    Map<String, Object> p = new java.util.LinkedHashMap<>(IsolatedDatabase.properties());
    for (int i = 0; i < pairs.length; i += 2) {
      p.put(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  /** Adds the contact and creates the task; the task's id. */
  static String place(WholeCallHarness.Owner owner) throws Exception {
    owner.post(
        "/api/v1/contacts",
        Map.of("name", "Bright Smile Dental", "phone", PersonaCatalog.DENTAL, "kind", "business"));
    return owner.createTask(Map.of("instruction", INSTRUCTION));
  }

  /**
   * Asserts the task was completed with its goal achieved and the session stored what was agreed;
   * the session.
   */
  static JsonNode assertBooked(WholeCallHarness.Owner owner, String taskId) throws Exception {
    JsonNode task = owner.settled(taskId).path("task");
    assertThat(task.path("status").asText()).as("task status").isEqualTo("completed");
    assertThat(task.path("outcome").asText()).isEqualTo("goal_achieved");
    assertThat(task.path("goalAchieved").asBoolean()).isTrue();
    assertThat(task.path("summary").asText()).contains("B74X9");
    JsonNode session = owner.lastSession(taskId);
    Map<String, String> data = WholeCallHarness.data(session);
    assertThat(data).containsEntry("price", "120").containsEntry("confirmation_number", "B74X9");
    OffsetDateTime when = OffsetDateTime.parse(data.get("appointment_time"));
    assertThat(when.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
    assertThat(when.toLocalTime()).hasToString("10:30");
    assertThat(WholeCallHarness.text(session, "human"))
        .contains("Bright Smile Dental, this is Maria speaking")
        .contains("confirmation number is B as in bravo");
    return session;
  }

  /** The words the model streamed into the call, as the transcript stored them. */
  static void assertModelSpoke(JsonNode session) {
    assertThat(WholeCallHarness.text(session, "assistant"))
        .contains("an AI assistant calling on behalf of Alex")
        .contains("Hi Maria!")
        .contains("That's confirmation B74X9 for Thursday at 10:30.");
  }

  /**
   * Asserts the "llm" part of the session's and the task's actual cost is what the model server
   * reported for this call's requests (the dialog's and the analyst's; planning happens before the
   * call), priced at {@code input}/{@code output} USD per million tokens.
   */
  static BigDecimal assertModelCost(
      WholeCallHarness.Owner owner,
      String taskId,
      JsonNode session,
      List<ConversingModelServer.Exchange> exchanges,
      String input,
      String output)
      throws Exception {
    long in = 0;
    long out = 0;
    for (ConversingModelServer.Exchange e : exchanges) {
      if (e.request().kind() != ModelRequest.Kind.PLAN) {
        in += e.inputTokens();
        out += e.outputTokens();
      }
    }
    BigDecimal expected =
        new BigDecimal(input)
            .multiply(BigDecimal.valueOf(in))
            .add(new BigDecimal(output).multiply(BigDecimal.valueOf(out)))
            .divide(BigDecimal.valueOf(1_000_000))
            .setScale(4, RoundingMode.HALF_UP);
    assertThat(expected).as("priced tokens").isPositive();
    assertThat(new BigDecimal(session.path("session").path("costBreakdown").path("llm").asText()))
        .as("session llm cost for %d input and %d output tokens", in, out)
        .isEqualByComparingTo(expected);
    JsonNode task = owner.get("/api/v1/call-tasks/" + taskId).path("task");
    assertThat(new BigDecimal(task.path("costBreakdown").path("actual").path("llm").asText()))
        .isEqualByComparingTo(expected);
    assertThat(new BigDecimal(task.path("actualCost").asText())).isGreaterThanOrEqualTo(expected);
    return expected;
  }

  /** The exchanges of one brain. */
  static List<ConversingModelServer.Exchange> of(
      List<ConversingModelServer.Exchange> all, ModelRequest.Kind kind) {
    return all.stream().filter(e -> e.request().kind() == kind).toList();
  }

  /** The exchanges in order, one line each, for assertion messages. */
  static String describe(List<ConversingModelServer.Exchange> all) {
    StringBuilder s = new StringBuilder("model exchanges:");
    for (ConversingModelServer.Exchange e : all) {
      s.append("\n  ")
          .append(e.request().kind())
          .append(' ')
          .append(e.status())
          .append(e.completed() ? "" : " (cut)")
          .append(" heard=")
          .append(e.request().lastUserText().replace('\n', '|'))
          .append(" -> ")
          .append(e.answer().text())
          .append(e.answer().toolCalls());
    }
    return s.toString();
  }
}
