package dev.parley.launcher.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.launcher.WholeCallHarness;
import dev.parley.simulation.persona.PersonaCatalog;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dental booking placed through the emulator (SIMULATION) with the control plane's brains on
 * the Anthropic Messages API: a local fake that holds the conversation over the real wire protocol
 * (event-stream blocks, tool_use with input_json_delta, tool_result fed back, structured output as
 * a forced tool for the plan and the write-up).
 */
class AnthropicWholeCallTest {
  private static final String KEY = "sk-ant-parley-whole-call";

  private static ParleyOnFakeModel running;
  private static ConversingModelServer model;
  private static WholeCallHarness parley;

  @BeforeAll
  static void start() throws Exception {
    running = ParleyOnFakeModel.anthropic(KEY);
    model = running.model;
    parley = running.parley;
  }

  @AfterAll
  static void stop() {
    if (running != null) {
      running.close();
    }
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
      assertThat(e.path()).isEqualTo("/v1/messages");
      assertThat(e.headers())
          .containsEntry("x-api-key", KEY)
          .containsEntry("anthropic-version", "2023-06-01")
          .doesNotContainKey("authorization");
      assertThat(e.body().path("model").asText()).isEqualTo("claude-haiku-4-5");
      assertThat(e.body().path("max_tokens").asInt()).isEqualTo(1024);
      assertThat(e.body().path("stream").asBoolean()).isTrue();
    }
    List<ConversingModelServer.Exchange> plans = DentalBookingCall.of(seen, ModelRequest.Kind.PLAN);
    assertThat(plans).hasSize(1);
    assertThat(plans.get(0).body().path("tool_choice").path("name").asText())
        .isEqualTo("call_plan");
    assertThat(DentalBookingCall.of(seen, ModelRequest.Kind.ANALYSIS)).hasSize(1);
    List<ConversingModelServer.Exchange> dialog =
        DentalBookingCall.of(seen, ModelRequest.Kind.DIALOG);
    assertThat(dialog.get(0).request().toolNames())
        .contains("record_fact", "send_dtmf", "request_approval", "hang_up");
    assertThat(dialog.get(0).body().path("system").asText()).contains("AI assistant");
    // The confirmation code was recorded first; the goodbye came with the tool's result in hand.
    JsonNode messages = dialog.get(dialog.size() - 1).body().path("messages");
    JsonNode use = messages.get(messages.size() - 2).path("content");
    JsonNode result = messages.get(messages.size() - 1).path("content").get(0);
    assertThat(use.get(use.size() - 1).path("type").asText()).isEqualTo("tool_use");
    assertThat(result.path("type").asText()).isEqualTo("tool_result");
    assertThat(result.path("tool_use_id").asText())
        .isEqualTo(use.get(use.size() - 1).path("id").asText());
    DentalBookingCall.assertModelCost(owner, taskId, session, seen, "1", "5");
  }
}
