package dev.parley.launcher.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.launcher.WholeCallHarness;
import dev.parley.simulation.persona.PersonaCatalog;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dental booking placed through the emulator (SIMULATION) with the control plane's brains on an
 * OpenAI-compatible chat completions server: a local fake that holds the conversation over the real
 * wire protocol (streamed chunks, parallel tool calls, tool results fed back, json_schema output
 * for the plan and the write-up). Then the same call with the model failing mid-call.
 */
class OpenAiWholeCallTest {
  private static final String KEY = "sk-parley-whole-call";

  private static ParleyOnFakeModel running;
  private static ConversingModelServer model;
  private static WholeCallHarness parley;

  @BeforeAll
  static void start() throws Exception {
    running = ParleyOnFakeModel.openAi(KEY);
    model = running.model;
    parley = running.parley;
  }

  @AfterAll
  static void stop() {
    if (running != null) {
      running.close();
    }
  }

  @BeforeEach
  void fresh() {
    model.reset();
  }

  @Test
  void theModelBooksTheCleaning() throws Exception {
    WholeCallHarness.Owner owner = parley.owner(PersonaCatalog.DENTAL);
    String taskId = DentalBookingCall.place(owner);
    JsonNode session = DentalBookingCall.assertBooked(owner, taskId);
    DentalBookingCall.assertModelSpoke(session);
    assertThat(WholeCallHarness.events(session, "agent.fallback")).isEmpty();

    List<ConversingModelServer.Exchange> seen = model.exchanges();
    assertThat(seen).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
    for (ConversingModelServer.Exchange e : seen) {
      assertThat(e.path()).isEqualTo("/v1/chat/completions");
      assertThat(e.headers()).containsEntry("authorization", "Bearer " + KEY);
      assertThat(e.headers().get("content-type")).startsWith("application/json");
      assertThat(e.body().path("model").asText()).isEqualTo("gpt-4o-mini");
      assertThat(e.body().path("stream").asBoolean()).isTrue();
      assertThat(e.body().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }
    assertThat(DentalBookingCall.of(seen, ModelRequest.Kind.PLAN)).hasSize(1);
    assertThat(DentalBookingCall.of(seen, ModelRequest.Kind.ANALYSIS)).hasSize(1);
    List<ConversingModelServer.Exchange> dialog =
        DentalBookingCall.of(seen, ModelRequest.Kind.DIALOG);
    assertThat(dialog).isNotEmpty();
    assertThat(dialog.get(0).request().toolNames())
        .contains("record_fact", "send_dtmf", "request_approval", "hang_up");
    assertThat(dialog.get(0).request().system()).contains("AI assistant", "on behalf of Alex");
    // The confirmation code was recorded first; the goodbye came with the tool's result in hand.
    JsonNode lastRound = dialog.get(dialog.size() - 1).body().path("messages");
    assertThat(lastRound.get(lastRound.size() - 1).path("role").asText()).isEqualTo("tool");
    assertThat(lastRound.get(lastRound.size() - 2).path("tool_calls").get(0).path("id").asText())
        .isEqualTo(lastRound.get(lastRound.size() - 1).path("tool_call_id").asText());
    assertThat(lastRound.get(1).path("role").asText()).isEqualTo("user");
    DentalBookingCall.assertModelCost(owner, taskId, session, seen, "0.15", "0.60");
  }

  @Test
  void aModelFailingMidCallHandsTheTurnToTheRules() throws Exception {
    // The turn answering the offer: a 500 (retried), then a stream cut after its first sentence.
    model.failWhen(
        r -> r.kind() == ModelRequest.Kind.DIALOG && r.lastUserText().contains("120 dollars"),
        ConversingModelServer.Fault.status(500),
        ConversingModelServer.Fault.dropAfter(3));
    WholeCallHarness.Owner owner = parley.owner(PersonaCatalog.DENTAL);
    String taskId = DentalBookingCall.place(owner);
    JsonNode session = DentalBookingCall.assertBooked(owner, taskId);

    List<JsonNode> fallbacks = WholeCallHarness.events(session, "agent.fallback");
    assertThat(fallbacks).hasSize(1);
    JsonNode detail = fallbacks.get(0).path("detail");
    assertThat(detail.path("provider").asText()).isEqualTo("openai");
    assertThat(detail.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(detail.path("brain").asText()).isEqualTo("dialog");
    assertThat(detail.path("reason").asText()).contains("TRANSPORT");

    List<ConversingModelServer.Exchange> failed =
        DentalBookingCall.of(model.exchanges(), ModelRequest.Kind.DIALOG).stream()
            .filter(e -> e.request().lastUserText().contains("120 dollars"))
            .toList();
    assertThat(failed)
        .as(DentalBookingCall.describe(model.exchanges()))
        .extracting(ConversingModelServer.Exchange::status)
        .containsExactly(500, 200);
    assertThat(failed.get(1).completed()).isFalse();
    // The model held the rest of the call: its goodbye, after the rule-based agent's turn.
    assertThat(WholeCallHarness.text(session, "assistant"))
        .contains("That's confirmation B74X9 for Thursday at 10:30.")
        .doesNotContain("Please book Thursday at 10:30 for Alex Morgan.");
    DentalBookingCall.assertModelCost(owner, taskId, session, model.exchanges(), "0.15", "0.60");
  }
}
