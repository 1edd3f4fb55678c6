package dev.parley.launcher;

import static dev.parley.launcher.TaskProbe.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.launcher.support.IsolatedDatabase;
import dev.parley.simulation.persona.PersonaCatalog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One speech-to-speech whole call through every real part: the REST API, dispatcher and Twilio
 * webhooks, the control plane in {@code speech_to_speech} mode (the plan as instructions, no dialog
 * agent; tools, transcripts and the write-up in SpeechToSpeechCall), a media node bridging the call
 * to a fake OpenAI Realtime server over a real WebSocket, and the Twilio emulator dialling the
 * dental persona (SIMULATION). The model is {@link ScriptedDentalModel}.
 *
 * <p>In package {@code dev.parley.launcher} (though kept apart in {@code s2s/}) to start Parley the
 * way the other whole-call tests do.
 */
class SpeechToSpeechWholeCallTest {

  private static ScriptedDentalModel model;
  private static ParleyLauncher.RunningParley parley;

  @BeforeAll
  static void start() throws Exception {
    model = new ScriptedDentalModel();
    // A database of its own: two Parleys sharing one would dial each other's tasks.
    Map<String, Object> props = new LinkedHashMap<>(IsolatedDatabase.properties());
    props.put("parley.media-link.enabled", true);
    props.put("parley.dispatcher.enabled", true);
    props.put("parley.watchdog.enabled", true);
    props.put("parley.dispatcher.idle-poll", "200ms");
    props.put("parley.conversation.approval-poll", "200ms");
    props.put("parley.media.speech-mode", "speech_to_speech");
    parley = ParleyLauncher.RunningParley.start(System.getenv(), true, props, model.config());
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!parley.mediaServer.controlConnected() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(parley.mediaServer.controlConnected()).as("media link up").isTrue();
  }

  @AfterAll
  static void stop() throws Exception {
    if (parley != null) {
      parley.close();
    }
    if (model != null) {
      model.close();
    }
  }

  @Test
  void theModelBooksTheCleaningAndTheControlPlaneKeepsTheRecord() throws Exception {
    model.expect(ScriptedDentalModel.Script.BOOKING);
    DemoOwner owner =
        DemoOwner.create(parley.controlPlane, parley.httpPort(), PersonaCatalog.DENTAL);
    owner
        .api()
        .post(
            "/api/v1/contacts",
            Map.of(
                "name", "Bright Smile Dental", "phone", PersonaCatalog.DENTAL, "kind", "business"));
    String taskId =
        owner
            .api()
            .post(
                "/api/v1/call-tasks",
                Map.of(
                    "instruction",
                    "Call Bright Smile Dental and book the earliest cleaning, under $150"))
            .path("task")
            .path("id")
            .asText();

    JsonNode task = settled(owner, taskId).path("task");
    assertThat(task.path("status").asText()).isEqualTo("completed");
    assertThat(task.path("outcome").asText()).isEqualTo("goal_achieved");
    assertThat(task.path("goalAchieved").asBoolean()).isTrue();
    assertThat(task.path("summary").asText()).contains("B74X9");

    // The plan reached the model as its instructions, with the tools.
    JsonNode session = model.server().received("session.update").get(0).path("session");
    assertThat(session.path("instructions").asText()).contains("cleaning");
    assertThat(session.path("tools").toString()).contains("record_fact").contains("hang_up");

    JsonNode call = lastSession(owner, taskId);
    // Both sides' transcripts, stored like any other call's.
    List<JsonNode> segments = list(call.path("transcript"));
    assertThat(text(segments, "human"))
        .contains("Bright Smile Dental, this is Maria speaking")
        .contains("120 dollars")
        .contains("confirmation number is B as in bravo");
    assertThat(text(segments, "assistant"))
        .contains(ScriptedDentalModel.ASK)
        .contains(ScriptedDentalModel.BOOK)
        .contains(ScriptedDentalModel.GOODBYE);

    // The persona's hello talks over the greeting: a barge-in keeps only what was heard of it.
    assertThat(segments)
        .filteredOn(s -> s.path("speaker").asText().equals("assistant"))
        .filteredOn(s -> s.path("interrupted").asBoolean())
        .allSatisfy(
            s -> {
              assertThat(s.path("meta").path("full_text").asText())
                  .startsWith(s.path("text").asText());
              assertThat(s.path("heardMs").isInt()).isTrue();
            });

    // The facts the model recorded through the control plane's tool.
    assertThat(events(call, "agent.tool.record_fact"))
        .extracting(
            e ->
                e.path("detail").path("key").asText()
                    + "="
                    + e.path("detail").path("value").asText())
        .contains("price=120", "confirmation_code=B74X9");
    assertThat(events(call, "conversation.hang_up"))
        .anySatisfy(
            e -> assertThat(e.path("detail").path("reason").asText()).isEqualTo("completed"));
    assertThat(data(call))
        .containsEntry("price", "120")
        .containsEntry("confirmation_number", "B74X9");

    // The TOOL round trip: TOOL_CALL to the control plane, TOOL_RESULT back as the tool's output.
    assertThat(model.server().received("conversation.item.create"))
        .extracting(
            e ->
                e.path("item").path("call_id").asText()
                    + " "
                    + e.path("item").path("output").asText())
        .contains("call_price {\"result\":\"recorded price\"}")
        .contains("call_code {\"result\":\"recorded confirmation_code\"}");
  }

  @Test
  void aPriceOverTheLimitIsPutToTheOwnerAndTheDecisionIsTheToolsOutput() throws Exception {
    model.expect(ScriptedDentalModel.Script.OVER_LIMIT);
    DemoOwner owner =
        DemoOwner.create(parley.controlPlane, parley.httpPort(), PersonaCatalog.DENTAL_OVER_LIMIT);
    String taskId =
        owner
            .api()
            .post(
                "/api/v1/call-tasks",
                Map.of(
                    "instruction",
                    "Call Bright Smile Dental and book a cleaning, under $150",
                    "phone",
                    PersonaCatalog.DENTAL_OVER_LIMIT))
            .path("task")
            .path("id")
            .asText();
    JsonNode approval = awaitApproval(owner, taskId);
    assertThat(approval.path("amount").asText()).startsWith("240");
    // The model is not answered while the owner has not decided.
    assertThat(model.server().received("conversation.item.create"))
        .noneMatch(e -> e.path("item").path("call_id").asText().equals("call_approval"));
    owner
        .api()
        .post(
            "/api/v1/call-tasks/"
                + taskId
                + "/approvals/"
                + approval.path("id").asText()
                + "/approve",
            Map.of());

    JsonNode task = settled(owner, taskId).path("task");
    assertThat(task.path("status").asText()).isEqualTo("completed");
    assertThat(task.path("outcome").asText()).isEqualTo("goal_achieved");
    assertThat(model.server().received("conversation.item.create"))
        .extracting(
            e ->
                e.path("item").path("call_id").asText()
                    + " "
                    + e.path("item").path("output").asText())
        .contains("call_approval {\"approved\":true}");
    JsonNode call = lastSession(owner, taskId);
    assertThat(text(list(call.path("transcript")), "assistant"))
        .contains(ScriptedDentalModel.HOLD)
        .contains(ScriptedDentalModel.BOOK_APPROVED);
    assertThat(data(call)).containsEntry("price", "240");
  }
}
