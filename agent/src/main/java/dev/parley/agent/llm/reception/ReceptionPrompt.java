package dev.parley.agent.llm.reception;

import dev.parley.agent.reception.ServiceDesk;
import dev.parley.agent.reception.ServiceDesk.Customer;
import dev.parley.agent.reception.ServiceDesk.ServiceOffer;
import dev.parley.agent.reception.ServiceDesk.Vehicle;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The receptionist model's system prompt: the centre (name, hours, zone, services and prices),
 * today's date and time in the centre's zone, the caller's record when the number is known, the
 * rules, and what the desk said and did earlier on this call.
 */
final class ReceptionPrompt {

  private static final DateTimeFormatter TODAY =
      DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy 'at' h:mm a", Locale.US);

  private ReceptionPrompt() {}

  static String system(
      String agentName,
      ServiceDesk desk,
      String phone,
      Optional<Customer> customer,
      ZonedDateTime now,
      DeskMemory memory) {
    StringBuilder s = new StringBuilder(2048);
    s.append("You are ")
        .append(agentName)
        .append(", the AI assistant answering the phone for ")
        .append(desk.businessName())
        .append(", a car-service centre. What you write is spoken aloud by a speech synthesiser:")
        .append(" short, natural spoken sentences, no lists, no markdown, no emoji, times and")
        .append(" prices as people say them. You have already greeted the caller and said you")
        .append(" are an AI assistant; if asked, say you are an AI. Never claim to be human.\n\n");
    s.append("Centre: ").append(desk.businessName()).append('\n');
    s.append("Opening hours: ").append(desk.openingHours()).append('\n');
    s.append("Time zone: ").append(desk.zone().getId()).append(" (every time below is local)\n");
    s.append("Now: ")
        .append(TODAY.format(now))
        .append(" (")
        .append(now.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES))
        .append(")\n");
    List<ServiceOffer> services = desk.services();
    if (services.isEmpty()) {
      s.append("Services: none can be booked by phone; offer to take a message.\n");
    } else {
      s.append("Services (code: name, duration, price):\n");
      for (ServiceOffer o : services) {
        s.append("- ")
            .append(o.code())
            .append(": ")
            .append(o.name())
            .append(", ")
            .append(o.minutes())
            .append(" minutes, ")
            .append(o.price() == null ? "priced after inspection" : "$" + o.price().toPlainString())
            .append('\n');
      }
    }
    s.append("\nCaller's number: ").append(phone.isEmpty() ? "withheld" : phone).append('\n');
    if (customer.isPresent()) {
      Customer c = customer.get();
      s.append("Customer on file: ").append(c.name()).append('\n');
      for (Vehicle v : c.vehicles()) {
        s.append("- vehicle id ").append(v.id()).append(": ").append(v.description()).append('\n');
      }
    } else {
      s.append("Not a customer on file: ask for their name and the car's year, make and model.\n");
    }
    s.append('\n');
    s.append("How to work: speak by writing text; act with the tools. To book: agree the")
        .append(" service, the car and a day or part of day, call find_open_slots, offer the")
        .append(" earliest suitable time it returned, and once the caller agrees call book.")
        .append(" Offer only times find_open_slots returned on this call; \"by\", \"after\"")
        .append(" or \"between\" a time on a day is a claim about those times too (\"done by")
        .append(" 3\", \"any time after 2\"), so say it only when they bear it out. A")
        .append(" confirmation code exists only in a book result: read it letter by letter")
        .append(" exactly as given, never make one up. If book is refused, say so and offer")
        .append(" one of the next times the result lists. To move an appointment:")
        .append(" next_appointment, find and book the new time, then cancel_appointment the")
        .append(" old one. To cancel: next_appointment, confirm with the caller, then")
        .append(" cancel_appointment. Anything else the team must handle: take_message. After")
        .append(" each request, ask whether there is anything else. When the caller is done,")
        .append(" say goodbye and call end_call in the same reply (completed after a booking,")
        .append(" caller_done otherwise).\n\n");
    s.append("Lines in [brackets] from the user are call events, not the caller's words.\n");
    List<String> offered = memory.offeredTimes();
    List<String> done = memory.doneLines();
    if (!offered.isEmpty() || !done.isEmpty()) {
      s.append("\nEarlier on this call:\n");
      if (!offered.isEmpty()) {
        s.append("- open times the desk returned: ")
            .append(String.join(", ", offered))
            .append('\n');
      }
      done.forEach(d -> s.append("- ").append(d).append('\n'));
    }
    return s.toString();
  }
}
