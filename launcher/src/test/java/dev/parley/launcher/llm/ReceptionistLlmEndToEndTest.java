package dev.parley.launcher.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.launcher.ReceptionCentre;
import dev.parley.launcher.WholeCallHarness;
import dev.parley.simulation.persona.PersonaCatalog;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
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
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(150);

  private static ConversingModelServer model;
  private static WholeCallHarness parley;
  private static WholeCallHarness.Owner centre;

  @BeforeAll
  static void start() throws Exception {
    model = new ConversingModelServer(new OpenAiProtocol());
    parley =
        WholeCallHarness.start(
            DentalBookingCall.properties(
                "parley.agent.provider",
                "openai",
                "openai.api.key",
                "sk-parley-reception",
                "openai.base.url",
                model.url() + "/v1",
                "openai.model",
                "gpt-4o-mini",
                "parley.llm.prices",
                "gpt-4o-mini=0.15/0.60"));
    centre = parley.owner();
    centre.patch("/api/v1/users/me", Map.of("phone", parley.parleyNumber()));
    centre.put("/api/v1/reception/centre", ReceptionCentre.demo());
    JsonNode jordan =
        centre.post(
            "/api/v1/contacts",
            Map.of(
                "name", "Jordan Lee",
                "phone", PersonaCatalog.RECEPTION_KNOWN_CALLER,
                "kind", "person"));
    centre.post(
        "/api/v1/reception/contacts/" + jordan.path("id").asText() + "/vehicles",
        Map.of("description", "2019 Toyota Camry"));
  }

  @AfterAll
  static void stop() {
    if (parley != null) {
      parley.close();
    }
    if (model != null) {
      model.close();
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

    JsonNode jordanTask = settledInbound(PersonaCatalog.RECEPTION_KNOWN_CALLER);
    JsonNode samTask = settledInbound(PersonaCatalog.RECEPTION_NEW_CALLER);

    List<JsonNode> booked =
        WholeCallHarness.list(
            centre.get("/api/v1/reception/appointments?status=booked&days=30&from=" + before));
    assertThat(booked).as(booked.toString()).hasSize(2);
    JsonNode oil = byService(booked, "oil_change");
    assertThat(oil.path("customerPhone").asText()).isEqualTo(PersonaCatalog.RECEPTION_KNOWN_CALLER);
    assertThat(oil.path("vehicle").asText()).isEqualTo("2019 Toyota Camry");
    ZonedDateTime oilAt =
        ZonedDateTime.parse(oil.path("startsAt").asText()).withZoneSameInstant(NEW_YORK);
    assertThat(oilAt.getHour()).as("an afternoon slot, as asked: " + oilAt).isBetween(12, 16);
    JsonNode brakes = byService(booked, "brake_inspection");
    assertThat(brakes.path("customerName").asText()).isEqualTo("Sam Ortiz");
    assertThat(brakes.path("vehicle").asText()).isEqualTo("2015 Ford Focus");
    assertThat(
            ZonedDateTime.parse(brakes.path("startsAt").asText())
                .withZoneSameInstant(NEW_YORK)
                .getDayOfWeek())
        .isEqualTo(DayOfWeek.THURSDAY);

    for (JsonNode[] call :
        List.of(new JsonNode[] {jordanTask, oil}, new JsonNode[] {samTask, brakes})) {
      String taskId = call[0].path("task").path("id").asText();
      String code = call[1].path("confirmationCode").asText();
      JsonNode session = centre.lastSession(taskId);
      String agent = WholeCallHarness.text(session, "assistant");
      assertThat(agent)
          .contains("Thank you for calling Bright Gear Auto Service")
          .contains("You're all set")
          .contains(
              "Your confirmation code is " + String.join(" ", code.replace("-", "").split("")));
      assertThat(call[1].path("bookedOnSessionId").asText())
          .isEqualTo(session.path("session").path("id").asText());
      assertThat(WholeCallHarness.events(session, "reception.appointment_booked")).hasSize(1);
      JsonNode task = call[0].path("task");
      assertThat(task.path("status").asText()).isEqualTo("completed");
      assertThat(task.path("outcome").asText()).isEqualTo("goal_achieved");
      assertThat(task.path("summary").asText()).contains("booked").contains(code);
      assertThat(WholeCallHarness.data(session)).containsEntry("confirmation_number", code);
      // The model's tokens on this call, priced into its cost (the call's own ledger).
      String phone = call[0].path("task").path("targetPhone").asText();
      DentalBookingCall.assertModelCost(
          centre,
          taskId,
          session,
          model.exchanges().stream()
              .filter(e -> e.request().system().contains(callerLine(phone)))
              .toList(),
          "0.15",
          "0.60");
    }

    JsonNode jordan = centre.lastSession(jordanTask.path("task").path("id").asText());
    List<JsonNode> fallbacks = WholeCallHarness.events(jordan, "agent.fallback");
    assertThat(fallbacks).hasSize(1);
    JsonNode detail = fallbacks.get(0).path("detail");
    assertThat(detail.path("brain").asText()).isEqualTo("dialog");
    assertThat(detail.path("provider").asText()).isEqualTo("openai");
    assertThat(detail.path("reason").asText()).contains("TRANSPORT");
    assertThat(WholeCallHarness.text(jordan, "assistant"))
        .contains("Thanks for calling Bright Gear Auto Service. Have a great day. Goodbye!");
    JsonNode sam = centre.lastSession(samTask.path("task").path("id").asText());
    assertThat(WholeCallHarness.events(sam, "agent.fallback")).isEmpty();

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

  private static JsonNode byService(List<JsonNode> appointments, String code) {
    return appointments.stream()
        .filter(a -> a.path("service").asText().equals(code))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + code + " in " + appointments));
  }

  /** The inbound task of the call from {@code phone}, once it is completed and written up. */
  private static JsonNode settledInbound(String phone) throws Exception {
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      for (JsonNode t :
          WholeCallHarness.list(centre.get("/api/v1/call-tasks?limit=200").path("items"))) {
        if (t.path("kind").asText().equals("inbound")
            && phone.equals(t.path("targetPhone").asText())) {
          last = centre.get("/api/v1/call-tasks/" + t.path("id").asText());
          String status = last.path("task").path("status").asText();
          if (status.equals("failed")
              || status.equals("completed") && last.path("task").hasNonNull("summary")) {
            return last;
          }
        }
      }
      Thread.sleep(300);
    }
    throw new AssertionError("the inbound call from " + phone + " did not settle: " + last);
  }
}
