package dev.parley.control.task.planning;

import dev.parley.control.contact.Contact;
import dev.parley.control.phone.PhoneNumbers;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A minimal offline planner: it finds who to call (an explicit contact or number, a number written
 * in the instruction, or a contact named in it) and asks for what it cannot find. Chosen with
 * {@code parley.planner=contact-matching}; the default is the agent module's planner.
 */
@Singleton
@Requires(property = "parley.planner", value = "contact-matching")
public class ContactMatchingPlanner implements TaskPlanner {
  static final String NAME = "control-contact-matching";

  private final PhoneNumbers phones;

  public ContactMatchingPlanner(PhoneNumbers phones) {
    this.phones = phones;
  }

  @Override
  public TaskPlan plan(PlanningInput input) {
    List<MissingFact> missing = new ArrayList<>();
    Contact contact = input.explicitContact();
    String phone = input.explicitPhone();
    if (phone == null && contact != null) {
      phone = contact.phone();
    }
    if (phone == null) {
      List<String> written = phones.findIn(input.instruction());
      if (!written.isEmpty()) {
        phone = written.get(0);
        contact = contact != null ? contact : byPhone(input.contacts(), phone);
      }
    }
    if (phone == null) {
      List<Contact> named = namedIn(input.instruction(), input.contacts());
      if (named.size() == 1) {
        contact = named.get(0);
        phone = contact.phone();
      } else if (named.size() > 1) {
        missing.add(
            new MissingFact(
                "contact",
                "Which contact did you mean: "
                    + String.join(", ", named.stream().map(Contact::name).toList())
                    + "?"));
      }
    }
    if (phone == null && missing.isEmpty()) {
      missing.add(new MissingFact(MissingFact.CONTACT_PHONE, "What phone number should I call?"));
    }
    String goal = goalOf(input.instruction());
    // The same snake_case shape as the agent's CallPlanDocument, so readers need one format.
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("planner", NAME);
    document.put("instruction", input.instruction());
    document.put("goal", goal);
    document.put("goal_kind", "other");
    document.put(
        "contact",
        contact == null
            ? null
            : Map.of(
                "id", contact.id().toString(), "name", contact.name(), "phone", contact.phone()));
    document.put("target_phone", phone);
    document.put("tone", input.tone().wire());
    document.put(
        "money_limit",
        input.maxPrice() == null
            ? null
            : Map.of("max", input.maxPrice().toPlainString(), "currency", "USD", "raw", "request"));
    document.put("hard_constraints", input.hardConstraints());
    document.put("soft_preferences", input.softPreferences());
    document.put("missing", missing);
    document.put("planned_at", input.now().toString());
    return new TaskPlan(
        goal,
        contact == null ? null : contact.id(),
        phone,
        input.maxPrice(),
        input.hardConstraints(),
        input.softPreferences(),
        missing,
        document);
  }

  private static Contact byPhone(List<Contact> contacts, String phone) {
    return contacts.stream().filter(c -> c.phone().equals(phone)).findFirst().orElse(null);
  }

  /**
   * Contacts whose full name or company appears in the instruction as whole words; failing that,
   * those whose first name does.
   */
  static List<Contact> namedIn(String instruction, List<Contact> contacts) {
    String text = instruction.toLowerCase(Locale.ROOT);
    List<Contact> full = new ArrayList<>();
    for (Contact c : contacts) {
      if (mentions(text, c.name()) || (c.company() != null && mentions(text, c.company()))) {
        full.add(c);
      }
    }
    if (!full.isEmpty()) {
      return full;
    }
    List<Contact> first = new ArrayList<>();
    for (Contact c : contacts) {
      String firstName = c.name().strip().split("\\s+")[0];
      if (firstName.length() >= 3 && mentions(text, firstName)) {
        first.add(c);
      }
    }
    return first;
  }

  private static boolean mentions(String lowerText, String phrase) {
    String p = phrase.strip().toLowerCase(Locale.ROOT);
    if (p.isEmpty()) {
      return false;
    }
    return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(p) + "(?![\\p{L}\\p{N}])")
        .matcher(lowerText)
        .find();
  }

  private static String goalOf(String instruction) {
    String s = instruction.strip().replaceAll("\\s+", " ");
    return s.length() <= 300 ? s : s.substring(0, 297) + "...";
  }
}
