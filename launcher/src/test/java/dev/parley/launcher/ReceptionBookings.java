package dev.parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.simulation.persona.PersonaCatalog;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * The receptionist's two simulated callers as the end-to-end tests set them up and check them,
 * whichever receptionist answers (the rules or a model): the demo's centre answering Parley's
 * number, Jordan Lee on file with a 2019 Toyota Camry booking an afternoon oil change, and Sam
 * Ortiz, a first-time caller, booking a brake inspection on a Thursday.
 */
public final class ReceptionBookings {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(150);

  private ReceptionBookings() {}

  /**
   * One caller's call once written up.
   *
   * @param task the inbound task as {@code GET /api/v1/call-tasks/{id}} returns it
   * @param appointment the appointment the call booked
   * @param session the call's last session
   */
  public record Call(JsonNode task, JsonNode appointment, JsonNode session) {
    public String taskId() {
      return task.path("task").path("id").asText();
    }

    public String code() {
      return appointment.path("confirmationCode").asText();
    }
  }

  /**
   * Sets up the demo's centre on Parley's number (the user whose number is called takes the call:
   * the centre's owner) with Jordan Lee and the Camry on file.
   */
  public static void openTheCentre(WholeCallHarness parley, WholeCallHarness.Owner centre)
      throws Exception {
    centre.patch("/api/v1/users/me", Map.of("phone", parley.parleyNumber()));
    centre.put("/api/v1/reception/centre", ReceptionDemo.centre());
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

  /**
   * Waits for both callers' calls to be written up and checks what they booked since {@code
   * before}: one appointment each, as asked, greeted as the centre, read back with its code, booked
   * on the call's session and written up as the call's achieved goal.
   *
   * @return Jordan's call, then Sam's
   */
  public static List<Call> assertBothBooked(WholeCallHarness.Owner centre, Instant before)
      throws Exception {
    JsonNode jordanTask = settledInbound(centre, PersonaCatalog.RECEPTION_KNOWN_CALLER);
    JsonNode samTask = settledInbound(centre, PersonaCatalog.RECEPTION_NEW_CALLER);

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

    List<Call> calls = List.of(call(centre, jordanTask, oil), call(centre, samTask, brakes));
    for (Call call : calls) {
      assertThat(WholeCallHarness.text(call.session(), "assistant"))
          .contains("Thank you for calling Bright Gear Auto Service")
          .contains("You're all set")
          .contains("Your confirmation code is " + spelled(call.code()));
      assertThat(call.appointment().path("bookedOnSessionId").asText())
          .isEqualTo(call.session().path("session").path("id").asText());
      assertThat(WholeCallHarness.events(call.session(), "reception.appointment_booked"))
          .hasSize(1);
      JsonNode task = call.task().path("task");
      assertThat(task.path("status").asText()).isEqualTo("completed");
      // Written up from what the receptionist did at the desk: the booking is the call's fact.
      assertThat(task.path("outcome").asText()).isEqualTo("goal_achieved");
      assertThat(task.path("summary").asText()).contains("booked").contains(call.code());
      assertThat(WholeCallHarness.data(call.session()))
          .containsEntry("confirmation_number", call.code());
    }
    return calls;
  }

  private static Call call(WholeCallHarness.Owner centre, JsonNode task, JsonNode appointment)
      throws Exception {
    return new Call(task, appointment, centre.lastSession(task.path("task").path("id").asText()));
  }

  /** "BG-7K3Q" as the receptionist reads it out: "B G 7 K 3 Q". */
  private static String spelled(String code) {
    StringBuilder sb = new StringBuilder();
    for (char c : code.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        sb.append(sb.length() == 0 ? "" : " ").append(c);
      }
    }
    return sb.toString();
  }

  private static JsonNode byService(List<JsonNode> appointments, String code) {
    return appointments.stream()
        .filter(a -> a.path("service").asText().equals(code))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + code + " in " + appointments));
  }

  /** The inbound task of the call from {@code phone}, once it is completed and written up. */
  private static JsonNode settledInbound(WholeCallHarness.Owner centre, String phone)
      throws Exception {
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode t :
          WholeCallHarness.list(centre.get("/api/v1/call-tasks?limit=200").path("items"))) {
        if (t.path("kind").asText().equals("inbound")
            && phone.equals(t.path("targetPhone").asText())) {
          return centre.settled(t.path("id").asText());
        }
      }
      Thread.sleep(300);
    }
    throw new AssertionError("no inbound call from " + phone + " reached the control plane");
  }
}
