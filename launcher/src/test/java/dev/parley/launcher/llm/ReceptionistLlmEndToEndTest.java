package dev.parley.launcher.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.launcher.ReceptionBookings;
import dev.parley.launcher.WholeCallHarness;
import dev.parley.simulation.persona.PersonaCatalog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inbound calls answered by the receptionist with a chat model, end to end: the control plane's
 * brains on an OpenAI-compatible server (a local fake over the real wire protocol), two simulated
 * callers dialling Parley's number on the Twilio emulator at once, the model's tool calls booking
 * against the service centre's calendar in PostgreSQL, and the confirmation codes the callers hear
 * being the ones the calendar issued, the model's tokens priced into each call. One caller's last
 * turn meets a failing model: the rule-based receptionist says goodbye and the call records the
 * fallback.
 */
class ReceptionistLlmEndToEndTest {
  private static ParleyOnFakeModel running;
  private static ConversingModelServer model;
  private static WholeCallHarness parley;
  private static WholeCallHarness.Owner centre;

  @BeforeAll
  static void start() throws Exception {
    running = ParleyOnFakeModel.openAi("sk-parley-reception");
    model = running.model;
    parley = running.parley;
    centre = parley.owner();
    ReceptionBookings.openTheCentre(parley, centre);
  }

  @AfterAll
  static void stop() {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void theModelBooksBothCallersThroughTheCalendar() throws Exception {
    // Jordan's goodbye turn: a 503 (retried), then a stream cut: the rules say goodbye instead.
    model.failWhen(
        r ->
            ReceptionModel.answers(r)
                && r.system().contains(callerLine(PersonaCatalog.RECEPTION_KNOWN_CALLER))
                && r.lastUserText().contains("that's all"),
        ConversingModelServer.Fault.status(503),
        ConversingModelServer.Fault.dropAfter(2));
    Instant before = Instant.now();
    parley.callIn(PersonaCatalog.RECEPTION_KNOWN_CALLER);
    parley.callIn(PersonaCatalog.RECEPTION_NEW_CALLER);

    List<ReceptionBookings.Call> calls = ReceptionBookings.assertBothBooked(centre, before);
    for (ReceptionBookings.Call call : calls) {
      // The model's tokens on this call, priced into its cost (the call's own ledger).
      String phone = call.task().path("task").path("targetPhone").asText();
      DentalBookingCall.assertModelCost(
          centre,
          call.taskId(),
          call.session(),
          model.exchanges().stream()
              .filter(e -> e.request().system().contains(callerLine(phone)))
              .toList(),
          "0.15",
          "0.60");
    }

    JsonNode jordan = calls.get(0).session();
    List<JsonNode> fallbacks = WholeCallHarness.events(jordan, "agent.fallback");
    assertThat(fallbacks).hasSize(1);
    JsonNode detail = fallbacks.get(0).path("detail");
    assertThat(detail.path("brain").asText()).isEqualTo("dialog");
    assertThat(detail.path("provider").asText()).isEqualTo("openai");
    assertThat(detail.path("reason").asText()).contains("TRANSPORT");
    assertThat(WholeCallHarness.text(jordan, "assistant"))
        .contains("Thanks for calling Bright Gear Auto Service. Have a great day. Goodbye!");
    assertThat(WholeCallHarness.events(calls.get(1).session(), "agent.fallback")).isEmpty();

    // The model held both calls: the desk's tools offered, the centre and the caller in the prompt.
    List<ConversingModelServer.Exchange> dialog =
        model.exchanges().stream().filter(e -> ReceptionModel.answers(e.request())).toList();
    assertThat(dialog)
        .filteredOn(e -> e.status() != 200 || !e.completed())
        .extracting(ConversingModelServer.Exchange::status)
        .as("only the scripted faults failed")
        .containsExactly(503, 200);
    assertThat(dialog.get(0).request().toolNames())
        .contains("find_open_slots", "book", "next_appointment", "take_message", "end_call");
    assertThat(dialog)
        .anySatisfy(
            e ->
                assertThat(e.request().system())
                    .contains("Customer on file: Jordan Lee", "America/New_York"));
    assertThat(dialog)
        .filteredOn(e -> e.answer().toolCalls().stream().anyMatch(t -> t.name().equals("book")))
        .hasSize(2);
  }

  private static String callerLine(String phone) {
    return "Caller's number: " + phone;
  }
}
