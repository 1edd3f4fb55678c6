package dev.parley.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.simulation.persona.PersonaCatalog;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The README's second demo: a car-service centre set up through the REST API (hours, bays,
 * services, a customer on file with their car), then a customer calls Parley's number and the
 * receptionist books them in. The caller is a scripted persona on the Twilio emulator (SIMULATION);
 * the booking lands in the centre's calendar.
 */
final class ReceptionDemo {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final ApplicationContext context;
  private final TwilioEmulator emulator;
  private final int httpPort;
  private final PrintStream out;

  ReceptionDemo(
      ApplicationContext context, TwilioEmulator emulator, int httpPort, PrintStream out) {
    this.context = context;
    this.emulator = emulator;
    this.httpPort = httpPort;
    this.out = out;
  }

  /** What the demo ended with: the inbound task and whether an appointment was booked. */
  record Result(String taskId, String status, boolean booked, String apiKey) {}

  Result run() throws Exception {
    String parleyNumber = ParleyLauncher.RunningParley.parleyNumber(context);
    DemoOwner owner = DemoOwner.create(context, httpPort, "leave_message", List.of());
    ApiClient api = owner.api();
    // Calls to a number go to the user whose number it is: this owner answers Parley's number.
    api.patch("/api/v1/users/me", Map.of("phone", parleyNumber));
    JsonNode centre = api.put("/api/v1/reception/centre", centre());
    JsonNode jordan =
        api.post(
            "/api/v1/contacts",
            Map.of(
                "name", "Jordan Lee",
                "phone", PersonaCatalog.RECEPTION_KNOWN_CALLER,
                "kind", "person"));
    api.post(
        "/api/v1/reception/contacts/" + jordan.path("id").asText() + "/vehicles",
        Map.of("description", "2019 Toyota Camry"));
    out.println(
        "\n== Demo: a customer calls the service centre and the receptionist books them in"
            + " (SIMULATION caller)");
    out.println(
        "centre: "
            + centre.path("businessName").asText()
            + ", open "
            + centre.path("openingHours").asText()
            + "; customer on file: Jordan Lee, 2019 Toyota Camry");
    Instant since = Instant.now();
    emulator.placeInboundCall(PersonaCatalog.RECEPTION_KNOWN_CALLER, parleyNumber);
    out.println("incoming call: " + PersonaCatalog.RECEPTION_KNOWN_CALLER + " -> " + parleyNumber);

    JsonNode details = settled(api, PersonaCatalog.RECEPTION_KNOWN_CALLER);
    JsonNode t = details.path("task");
    out.println("\n== Result");
    out.println("status:        " + t.path("status").asText());
    out.println("goal achieved: " + t.path("goalAchieved").asText("unknown"));
    out.println("summary:       " + t.path("summary").asText("(none)"));
    JsonNode booked = api.get("/api/v1/reception/appointments?status=booked&days=30&from=" + since);
    out.println("calendar:");
    for (JsonNode a : booked) {
      out.printf(
          "  %s  %s, %s, %s (bay %d, code %s)%n",
          a.path("startsAt").asText(),
          a.path("serviceName").asText(),
          a.path("customerName").asText(a.path("customerPhone").asText()),
          a.path("vehicle").asText(),
          a.path("bay").asInt(),
          a.path("confirmationCode").asText());
    }
    return new Result(
        t.path("id").asText(), t.path("status").asText(), booked.size() > 0, owner.apiKey());
  }

  /**
   * The demo's service centre: Bright Gear Auto Service in New York, two bays, half-hour slots,
   * open 8 AM to 5 PM every day (so the demo and its tests find slots whenever they run).
   */
  static Map<String, Object> centre() {
    List<Map<String, Object>> hours = new ArrayList<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      hours.add(
          Map.of(
              "weekday", d.name().toLowerCase(Locale.ROOT), "opens", "08:00", "closes", "17:00"));
    }
    return Map.of(
        "businessName",
        "Bright Gear Auto Service",
        "timeZone",
        "America/New_York",
        "bays",
        2,
        "slotMinutes",
        30,
        "hours",
        hours,
        "services",
        List.of(
            Map.of(
                "code",
                "oil_change",
                "name",
                "oil change",
                "minutes",
                45,
                "price",
                59,
                "keywords",
                List.of("oil", "lube")),
            Map.of(
                "code",
                "brake_inspection",
                "name",
                "brake inspection",
                "minutes",
                60,
                "price",
                89,
                "keywords",
                List.of("brake", "brakes")),
            Map.of(
                "code",
                "tyre_rotation",
                "name",
                "tyre rotation",
                "minutes",
                30,
                "price",
                35,
                "keywords",
                List.of("tyre", "tire", "tyres", "tires"))));
  }

  /** The inbound task of the call from {@code phone}, once written up. */
  private static JsonNode settled(ApiClient api, String phone) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      for (JsonNode t : api.get("/api/v1/call-tasks?limit=50").path("items")) {
        if (t.path("kind").asText().equals("inbound")
            && phone.equals(t.path("targetPhone").asText())) {
          last = api.get("/api/v1/call-tasks/" + t.path("id").asText());
          String status = last.path("task").path("status").asText();
          if (status.equals("failed")
              || status.equals("completed") && last.path("task").hasNonNull("summary")) {
            return last;
          }
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the inbound demo call did not finish in time: " + last);
  }
}
