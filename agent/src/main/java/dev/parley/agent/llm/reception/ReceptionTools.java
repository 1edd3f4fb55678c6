package dev.parley.agent.llm.reception;

import static dev.parley.agent.llm.JsonSchemas.enumOf;
import static dev.parley.agent.llm.JsonSchemas.nullableInteger;
import static dev.parley.agent.llm.JsonSchemas.nullableString;
import static dev.parley.agent.llm.JsonSchemas.object;
import static dev.parley.agent.llm.JsonSchemas.props;
import static dev.parley.agent.llm.JsonSchemas.string;
import static dev.parley.agent.llm.ToolArguments.optional;
import static dev.parley.agent.llm.ToolArguments.required;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.language.Articles;
import dev.parley.agent.llm.InvalidOutputException;
import dev.parley.agent.llm.ToolArguments;
import dev.parley.agent.llm.TurnBuilder;
import dev.parley.agent.llm.client.ToolCall;
import dev.parley.agent.llm.client.ToolSpec;
import dev.parley.agent.reception.ReceptionLanguage;
import dev.parley.agent.reception.ServiceDesk;
import dev.parley.agent.reception.ServiceDesk.Appointment;
import dev.parley.agent.reception.ServiceDesk.Customer;
import dev.parley.agent.reception.ServiceDesk.ServiceOffer;
import dev.parley.agent.reception.ServiceDesk.Vehicle;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The service desk offered to the model as tools, and what each call does: reads go to the desk and
 * come back as text; {@code book} only takes a time {@code find_open_slots} returned on this call,
 * {@code cancel_appointment} only an appointment the desk named on this call. A tool call with a
 * bad name or malformed arguments is {@link InvalidOutputException}; a request the desk or the
 * rules refuse is a tool result saying so, for the model to recover from.
 */
final class ReceptionTools {

  /** Hang-up reasons of an inbound call, as the rule-based receptionist gives them. */
  static final List<String> END_REASONS =
      List.of("completed", "caller_done", "no_response", "wrong_number", "too_long");

  /** How far ahead slots are searched, as the rule-based receptionist does. */
  static final int SEARCH_DAYS = 21;

  private static final int DEFAULT_MAX = 3;
  private static final int MAX_MAX = 6;

  private final ServiceDesk desk;

  ReceptionTools(ServiceDesk desk) {
    this.desk = desk;
  }

  /** The tools; booking ones only when the desk has services to book. */
  List<ToolSpec> specs() {
    List<ToolSpec> tools = new ArrayList<>();
    List<String> codes = desk.services().stream().map(ServiceOffer::code).toList();
    tools.add(
        new ToolSpec(
            "list_services", "The services the centre books, with duration and price.", none()));
    tools.add(new ToolSpec("opening_hours", "The centre's opening hours.", none()));
    if (!codes.isEmpty()) {
      tools.add(
          new ToolSpec(
              "find_open_slots",
              "Open start times for a service, earliest first. Times are local to the centre,"
                  + " written like 2026-11-24T13:00.",
              object(
                  props(
                      "service", enumOf("The service's code.", codes),
                      "from", string("Earliest start, local date-time, e.g. 2026-11-24T12:00."),
                      "to", string("Latest start (exclusive), local date-time."),
                      "max", nullableInteger("How many times at most, 1 to 6; null for 3.")))));
      tools.add(
          new ToolSpec(
              "book",
              "Book the service at a time find_open_slots returned, once the caller agreed to it."
                  + " Returns the confirmation code, or says the time was refused.",
              object(
                  props(
                      "service",
                      enumOf("The service's code.", codes),
                      "start",
                      string("The start time exactly as find_open_slots gave it."),
                      "customer_name",
                      string("The caller's name."),
                      "vehicle_id",
                      nullableString("The vehicle's id when it is on file, else null."),
                      "vehicle_description",
                      nullableString(
                          "Year, make and model as the caller said, when not on file, else"
                              + " null.")))));
    }
    tools.add(
        new ToolSpec(
            "next_appointment",
            "The caller's next booked appointment, with its id (to cancel or move it).",
            none()));
    tools.add(
        new ToolSpec(
            "cancel_appointment",
            "Cancel an appointment next_appointment returned, once the caller confirmed.",
            object(props("appointment_id", string("The id next_appointment gave.")))));
    tools.add(
        new ToolSpec(
            "take_message",
            "Leave a message for the team to call the caller back.",
            object(
                props(
                    "message", string("The message, in the caller's words."),
                    "customer_name", nullableString("The caller's name, or null.")))));
    tools.add(
        new ToolSpec(
            "end_call",
            "End the call after your goodbye, which goes in the same reply.",
            object(props("reason", enumOf("Why the call ends.", END_REASONS)))));
    return tools;
  }

  /**
   * Runs one tool call for the caller at {@code phone}.
   *
   * @param done collects what was changed at the desk, which outlives a failed attempt
   * @return the tool result for the model
   */
  String apply(
      String phone,
      TurnBuilder t,
      DeskMemory memory,
      DeskChanges done,
      ToolCall call,
      ZonedDateTime now)
      throws InvalidOutputException {
    JsonNode args = ToolArguments.of(call);
    String name = call.name() == null ? "" : call.name();
    return switch (name) {
      case "list_services" -> services();
      case "opening_hours" -> "We're open " + desk.openingHours() + ".";
      case "find_open_slots" -> findSlots(call, args, memory, now);
      case "book" -> book(phone, call, args, t, memory, done, now);
      case "next_appointment" -> next(phone, memory);
      case "cancel_appointment" -> cancel(call, args, t, memory, done);
      case "take_message" -> message(phone, call, args, t, memory, done);
      case "end_call" -> {
        String reason = required(call, args, "reason");
        if (!END_REASONS.contains(reason)) {
          throw new InvalidOutputException(
              "end_call reason '" + reason + "' is not one of " + END_REASONS);
        }
        t.hangUp(reason);
        yield "ending the call after your words";
      }
      default -> throw new InvalidOutputException("there is no tool named '" + name + "'");
    };
  }

  private String services() {
    if (desk.services().isEmpty()) {
      return "No services can be booked by phone; offer to take a message.";
    }
    return desk.services().stream()
        .map(
            s ->
                s.code()
                    + ": "
                    + s.name()
                    + ", "
                    + s.minutes()
                    + " minutes, "
                    + (s.price() == null
                        ? "priced after inspection"
                        : "$" + s.price().toPlainString()))
        .collect(Collectors.joining("\n"));
  }

  private String findSlots(ToolCall call, JsonNode args, DeskMemory memory, ZonedDateTime now)
      throws InvalidOutputException {
    ServiceOffer service = service(call, args);
    ZonedDateTime from = time(call, args, "from");
    ZonedDateTime to = time(call, args, "to");
    JsonNode m = args.get("max");
    int max = m == null || m.isNull() ? DEFAULT_MAX : m.asInt(DEFAULT_MAX);
    max = Math.max(1, Math.min(MAX_MAX, max));
    if (from.isBefore(now)) {
      from = now;
    }
    ZonedDateTime limit = now.plusDays(SEARCH_DAYS);
    if (to.isAfter(limit)) {
      to = limit;
    }
    if (!to.isAfter(from)) {
      return "No open times: the window ends before it starts (or is in the past). Today is "
          + memory.key(now)
          + ".";
    }
    List<ZonedDateTime> open = desk.openSlots(service, from, to, max);
    if (open.isEmpty()) {
      return "No open times for "
          + Articles.withArticle(service.name())
          + " from "
          + memory.key(from)
          + " to "
          + memory.key(to)
          + ". Try another window.";
    }
    memory.offered(service.code(), open);
    return "Open times for "
        + Articles.withArticle(service.name())
        + ": "
        + listed(open, memory)
        + ". Offer only these.";
  }

  private String book(
      String phone,
      ToolCall call,
      JsonNode args,
      TurnBuilder t,
      DeskMemory memory,
      DeskChanges done,
      ZonedDateTime now)
      throws InvalidOutputException {
    ServiceOffer service = service(call, args);
    ZonedDateTime start = time(call, args, "start");
    String customerName = required(call, args, "customer_name");
    String vehicleId = optional(args, "vehicle_id");
    String described = optional(args, "vehicle_description");
    List<Vehicle> onFile = desk.customer(phone).map(Customer::vehicles).orElse(List.of());
    if (vehicleId != null && onFile.stream().noneMatch(v -> v.id().equals(vehicleId))) {
      throw new InvalidOutputException(
          "book vehicle_id '"
              + vehicleId
              + "' is not on file for this caller (on file: "
              + onFile.stream().map(Vehicle::id).toList()
              + "); use vehicle_description instead");
    }
    if (vehicleId == null && described == null) {
      throw new InvalidOutputException("book needs a vehicle_id on file or a vehicle_description");
    }
    if (!memory.wasOffered(start)) {
      return "Refused: "
          + memory.key(start)
          + " is not a time find_open_slots returned on this call. Find open times first and"
          + " offer one.";
    }
    Optional<Appointment> booked =
        desk.book(
            phone, customerName, vehicleId, vehicleId != null ? null : described, service, start);
    if (booked.isEmpty()) {
      memory.withdrawn(start);
      List<ZonedDateTime> next =
          desk.openSlots(service, start.plusMinutes(1), now.plusDays(SEARCH_DAYS), DEFAULT_MAX);
      memory.offered(service.code(), next);
      return "Refused: "
          + memory.key(start)
          + " is no longer open, nothing was booked. Tell the caller and offer "
          + (next.isEmpty()
              ? "to look at another day."
              : "the next open times: " + listed(next, memory) + ".");
    }
    Appointment a = booked.get();
    memory.booked(a.id(), a.start(), a.confirmationCode());
    String when = ReceptionLanguage.spoken(a.start());
    memory.done(
        "booked "
            + a.serviceName()
            + " for "
            + customerName
            + " on "
            + when
            + ", confirmation code "
            + a.confirmationCode()
            + " (appointment "
            + a.id()
            + ")");
    List<AgentAction> actions =
        List.of(
            new AgentAction.CallTool(
                "appointment_booked",
                Map.of("appointment_id", a.id(), "start", a.start().toString())),
            new AgentAction.CallTool(
                "record_fact", Map.of("key", "appointment_time", "value", a.start().toString())),
            new AgentAction.CallTool(
                "record_fact", Map.of("key", "confirmation_code", "value", a.confirmationCode())));
    actions.forEach(t::act);
    String reminder =
        a.reminderAt() == null
            ? ""
            : " We'll give you a reminder call on "
                + a.reminderAt().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US)
                + ".";
    done.add(
        actions,
        "You're all set: "
            + Articles.withArticle(a.serviceName())
            + (a.vehicle() == null ? "" : " for your " + a.vehicle())
            + " on "
            + when
            + ". Your confirmation code is "
            + ReceptionLanguage.spelled(a.confirmationCode())
            + "."
            + reminder,
        "booked "
            + a.serviceName()
            + " on "
            + when
            + ", confirmation code "
            + a.confirmationCode());
    return "Booked "
        + a.serviceName()
        + (a.vehicle() == null ? "" : " for the " + a.vehicle())
        + " on "
        + when
        + " ("
        + memory.key(a.start())
        + "). Confirmation code "
        + a.confirmationCode()
        + ": read it letter by letter, "
        + ReceptionLanguage.spelled(a.confirmationCode())
        + "."
        + reminder;
  }

  private String next(String phone, DeskMemory memory) {
    Optional<Appointment> next = desk.nextAppointment(phone);
    if (next.isEmpty()) {
      return "No upcoming appointment for this number.";
    }
    Appointment a = next.get();
    memory.appointment(a.id());
    memory.stated(a.start());
    return "Appointment "
        + a.id()
        + ": "
        + a.serviceName()
        + (a.vehicle() == null ? "" : " for the " + a.vehicle())
        + " on "
        + ReceptionLanguage.spoken(a.start())
        + " ("
        + memory.key(a.start())
        + ").";
  }

  private String cancel(
      ToolCall call, JsonNode args, TurnBuilder t, DeskMemory memory, DeskChanges done)
      throws InvalidOutputException {
    String id = required(call, args, "appointment_id");
    if (!memory.mayCancel(id)) {
      return "Refused: appointment "
          + id
          + " was not named by next_appointment or booked on this call; look it up first.";
    }
    boolean cancelled = desk.cancel(id);
    AgentAction action =
        new AgentAction.CallTool(
            "appointment_cancelled", Map.of("done", Boolean.toString(cancelled)));
    t.act(action);
    memory.done((cancelled ? "cancelled appointment " : "appointment already cancelled: ") + id);
    done.add(
        List.of(action),
        cancelled ? "It's cancelled." : "That appointment was already cancelled.",
        (cancelled ? "cancelled appointment " : "found already cancelled: appointment ") + id);
    return cancelled ? "Cancelled." : "It was already cancelled.";
  }

  private String message(
      String phone,
      ToolCall call,
      JsonNode args,
      TurnBuilder t,
      DeskMemory memory,
      DeskChanges done)
      throws InvalidOutputException {
    String text = required(call, args, "message");
    String name = optional(args, "customer_name");
    if (name == null) {
      name = desk.customer(phone).map(Customer::name).orElse(null);
    }
    desk.takeMessage(phone, name, text);
    AgentAction action = new AgentAction.CallTool("message_taken", Map.of("message", text));
    t.act(action);
    memory.done("took a message: " + text);
    done.add(
        List.of(action),
        "I've passed your message on; someone from the team will call you back.",
        "took the message \"" + text + "\"");
    return "Message passed to the team.";
  }

  private ServiceOffer service(ToolCall call, JsonNode args) throws InvalidOutputException {
    String code = required(call, args, "service");
    return desk.services().stream()
        .filter(s -> s.code().equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidOutputException(
                    call.name()
                        + " service '"
                        + code
                        + "' is not one of "
                        + desk.services().stream().map(ServiceOffer::code).toList()));
  }

  /** A local date-time in the centre's zone; an offset is converted, a bare date is midnight. */
  private ZonedDateTime time(ToolCall call, JsonNode args, String field)
      throws InvalidOutputException {
    String v = required(call, args, field);
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay(desk.zone());
      }
      if (v.endsWith("Z") || v.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return OffsetDateTime.parse(v).atZoneSameInstant(desk.zone());
      }
      return LocalDateTime.parse(v).atZone(desk.zone());
    } catch (DateTimeException e) {
      throw new InvalidOutputException(
          call.name()
              + " '"
              + field
              + "' is '"
              + v
              + "', not a local date-time like 2026-11-24T13:00");
    }
  }

  private static String listed(List<ZonedDateTime> times, DeskMemory memory) {
    return times.stream()
        .map(s -> memory.key(s) + " (" + ReceptionLanguage.spoken(s) + ")")
        .collect(Collectors.joining("; "));
  }

  private static Map<String, Object> none() {
    return object(props());
  }
}
