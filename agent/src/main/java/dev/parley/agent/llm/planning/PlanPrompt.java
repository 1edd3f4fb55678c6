package dev.parley.agent.llm.planning;

import dev.parley.agent.planning.Contact;
import dev.parley.agent.planning.PersonalField;
import dev.parley.agent.planning.PlanRequest;
import dev.parley.agent.planning.PlanningContext;
import java.time.ZonedDateTime;
import java.util.Locale;

/** The planner model's instructions and the request it plans, as text. */
final class PlanPrompt {

  private PlanPrompt() {}

  static String system() {
    return """
        You plan phone calls that Parley, an AI assistant, places on its owner's behalf. Answer \
        with one JSON object in the given schema.
        Rules:
        - instruction: the owner's words, verbatim. goal: one sentence saying what success is.
        - Read relative dates ("next week", "tomorrow") against Now, in the owner's time zone. \
        Times are ISO-8601 with offset and zone id, e.g. 2026-11-23T08:00-05:00[America/New_York]. \
        A window covers the whole acceptable range; for "mornings" use preferred_part_of_day.
        - Money is a plain decimal string ("150", "89.99") with an ISO 4217 currency.
        - contact: copy the matching entry of the owner's contacts, with its id; never invent one. \
        When several match equally, leave contact null and list them in contact_candidates.
        - target_phone: only a number from the instruction or the chosen contact, in E.164; \
        never invent one.
        - missing: what blocks the call until the owner answers, each with a short question: \
        contact_phone when there is no number, contact when the contact is ambiguous, \
        money_limit when a price is involved and the owner requires a limit, party_size and \
        time_window for reservations.
        - hard_constraints: conditions the outcome must meet (time window, price limit, party \
        size); soft_preferences: conditions to aim for; questions: what to ask on the call.
        - facts_to_share: only details the owner allows to be shared, and notes from the \
        instruction the callee needs.
        - planned_at: null.
        """;
  }

  static String user(PlanRequest request, PlanningContext context, ZonedDateTime now) {
    StringBuilder s = new StringBuilder(1024);
    s.append("Instruction: ").append(request.instruction()).append('\n');
    s.append("Now: ").append(now).append(" (").append(now.getDayOfWeek()).append(")\n");
    var o = context.owner();
    s.append("Owner: ")
        .append(o.fullName())
        .append(", time zone ")
        .append(o.timeZone())
        .append(", usual tone ")
        .append(o.defaultTone().wireName())
        .append('\n');
    s.append("Owner details that may be shared: ");
    for (PersonalField f : context.settings().allowedPersonalFields()) {
      s.append(f.name().toLowerCase(Locale.ROOT)).append(' ');
    }
    s.append('\n');
    s.append("Owner requires a price limit for price calls: ")
        .append(context.settings().requirePriceLimit())
        .append('\n');
    s.append("Owner's contacts:\n");
    for (Contact c : context.contacts()) {
      s.append("- id=")
          .append(c.id())
          .append("; name=")
          .append(c.name())
          .append("; company=")
          .append(c.company())
          .append("; phone=")
          .append(c.phone())
          .append("; notes=")
          .append(c.notes())
          .append("; kind=")
          .append(c.kind().name().toLowerCase(Locale.ROOT))
          .append('\n');
    }
    if (request.contactId() != null) {
      s.append("The owner chose contact id ").append(request.contactId()).append('\n');
    }
    if (request.phone() != null) {
      s.append("The owner gave the number ").append(request.phone()).append('\n');
    }
    if (request.maxPrice() != null) {
      s.append("The owner set a price limit of ").append(request.maxPrice()).append('\n');
    }
    if (request.tone() != null) {
      s.append("The owner asked for a ").append(request.tone().wireName()).append(" tone\n");
    }
    return s.toString();
  }
}
