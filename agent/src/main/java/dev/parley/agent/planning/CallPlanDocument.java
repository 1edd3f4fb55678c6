package dev.parley.agent.planning;

import dev.parley.agent.language.PartOfDay;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link CallPlan} as a JSON-ready tree of maps, lists, strings and numbers with snake_case keys:
 * what the control plane stores in {@code call_tasks.plan}, and the shape an LLM planner is asked
 * to produce. Times are ISO-8601 with the zone id; amounts are decimal strings.
 */
public final class CallPlanDocument {

  private CallPlanDocument() {}

  /** The plan as a tree. */
  public static Map<String, Object> toMap(CallPlan p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instruction", p.instruction());
    m.put("goal", p.goal());
    m.put("goal_kind", p.goalKind().wireName());
    m.put("topic", p.topic());
    m.put("contact", p.contact() == null ? null : contact(p.contact()));
    m.put(
        "contact_candidates",
        p.contactCandidates().stream().map(CallPlanDocument::contact).toList());
    m.put("target_phone", p.targetPhone());
    if (p.timeWindow() == null) {
      m.put("time_window", null);
    } else {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("earliest", p.timeWindow().earliest().toString());
      w.put("latest", p.timeWindow().latest().toString());
      PartOfDay pod = p.timeWindow().preferredPartOfDay();
      w.put("preferred_part_of_day", pod == null ? null : pod.name().toLowerCase(Locale.ROOT));
      w.put("raw", p.timeWindow().raw());
      m.put("time_window", w);
    }
    if (p.moneyLimit() == null) {
      m.put("money_limit", null);
    } else {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("max", p.moneyLimit().max().toPlainString());
      l.put("currency", p.moneyLimit().currency());
      l.put("raw", p.moneyLimit().raw());
      m.put("money_limit", l);
    }
    m.put("party_size", p.partySize());
    m.put("tone", p.tone().wireName());
    m.put("hard_constraints", p.hardConstraints());
    m.put("soft_preferences", p.softPreferences());
    m.put("questions", p.questions());
    m.put(
        "facts_to_share",
        p.factsToShare().stream().map(f -> pair("field", f.field(), "value", f.value())).toList());
    m.put(
        "missing",
        p.missing().stream().map(f -> pair("field", f.field(), "question", f.question())).toList());
    m.put("planned_at", p.plannedAt() == null ? null : p.plannedAt().toString());
    return m;
  }

  /**
   * Reads a tree back into a plan. Missing keys take empty values; an unknown goal kind is {@code
   * other}.
   *
   * @throws IllegalArgumentException when a value has the wrong type or format
   */
  public static CallPlan fromMap(Map<String, Object> m) {
    try {
      Map<String, Object> w = map(m.get("time_window"));
      TimeWindow window =
          w == null
              ? null
              : new TimeWindow(
                  ZonedDateTime.parse(str(w.get("earliest"))),
                  ZonedDateTime.parse(str(w.get("latest"))),
                  w.get("preferred_part_of_day") == null
                      ? null
                      : PartOfDay.valueOf(
                          str(w.get("preferred_part_of_day")).toUpperCase(Locale.ROOT)),
                  str(w.get("raw")));
      Map<String, Object> l = map(m.get("money_limit"));
      MoneyLimit limit =
          l == null
              ? null
              : new MoneyLimit(
                  new BigDecimal(String.valueOf(l.get("max"))),
                  l.get("currency") == null ? "USD" : str(l.get("currency")),
                  str(l.get("raw")));
      List<SharedFact> facts = new ArrayList<>();
      for (Object o : list(m.get("facts_to_share"))) {
        Map<String, Object> f = map(o);
        facts.add(new SharedFact(str(f.get("field")), str(f.get("value"))));
      }
      List<MissingFact> missing = new ArrayList<>();
      for (Object o : list(m.get("missing"))) {
        Map<String, Object> f = map(o);
        missing.add(new MissingFact(str(f.get("field")), str(f.get("question"))));
      }
      List<Contact> candidates = new ArrayList<>();
      for (Object o : list(m.get("contact_candidates"))) {
        candidates.add(contact(map(o)));
      }
      Object party = m.get("party_size");
      return new CallPlan(
          str(m.get("instruction")),
          str(m.get("goal")),
          GoalKind.fromWireName(m.get("goal_kind") == null ? "other" : str(m.get("goal_kind"))),
          str(m.get("topic")),
          m.get("contact") == null ? null : contact(map(m.get("contact"))),
          List.copyOf(candidates),
          str(m.get("target_phone")),
          window,
          limit,
          party == null ? null : Integer.valueOf(String.valueOf(party)),
          m.get("tone") == null ? Tone.FRIENDLY : Tone.fromWireName(str(m.get("tone"))),
          strings(m.get("hard_constraints")),
          strings(m.get("soft_preferences")),
          strings(m.get("questions")),
          List.copyOf(facts),
          List.copyOf(missing),
          m.get("planned_at") == null ? null : ZonedDateTime.parse(str(m.get("planned_at"))));
    } catch (ClassCastException
        | java.time.format.DateTimeParseException
        | NumberFormatException e) {
      throw new IllegalArgumentException("call plan document is malformed: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> contact(Contact c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("name", c.name());
    m.put("company", c.company());
    m.put("phone", c.phone());
    m.put("notes", c.notes());
    m.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
    return m;
  }

  private static Contact contact(Map<String, Object> m) {
    return new Contact(
        str(m.get("id")),
        str(m.get("name")),
        str(m.get("company")),
        str(m.get("phone")),
        str(m.get("notes")),
        "business".equalsIgnoreCase(str(m.get("kind")))
            ? Contact.Kind.BUSINESS
            : Contact.Kind.PERSON);
  }

  private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static List<?> list(Object o) {
    return o == null ? List.of() : (List<?>) o;
  }

  private static List<String> strings(Object o) {
    return list(o).stream().map(String::valueOf).toList();
  }

  private static String str(Object o) {
    return o == null ? null : (String) o;
  }
}
