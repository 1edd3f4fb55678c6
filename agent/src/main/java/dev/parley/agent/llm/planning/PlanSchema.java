package dev.parley.agent.llm.planning;

import static dev.parley.agent.llm.JsonSchemas.array;
import static dev.parley.agent.llm.JsonSchemas.enumOf;
import static dev.parley.agent.llm.JsonSchemas.nullableInteger;
import static dev.parley.agent.llm.JsonSchemas.nullableObject;
import static dev.parley.agent.llm.JsonSchemas.nullableString;
import static dev.parley.agent.llm.JsonSchemas.object;
import static dev.parley.agent.llm.JsonSchemas.props;
import static dev.parley.agent.llm.JsonSchemas.string;

import dev.parley.agent.language.PartOfDay;
import dev.parley.agent.llm.client.JsonOutput;
import dev.parley.agent.planning.GoalKind;
import dev.parley.agent.planning.Tone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON schema of a {@link dev.parley.agent.planning.CallPlanDocument}, for the planner. */
final class PlanSchema {

  private PlanSchema() {}

  static JsonOutput output() {
    Map<String, Object> contact =
        object(
            props(
                "id", string("The contact's id from the owner's contact list."),
                "name", string(null),
                "company", nullableString(null),
                "phone", nullableString("E.164"),
                "notes", nullableString(null),
                "kind", enumOf(null, List.of("person", "business"))));
    Map<String, Object> nullableContact = new java.util.LinkedHashMap<>(contact);
    nullableContact.put("type", List.of("object", "null"));
    List<String> parts = new ArrayList<>();
    Arrays.stream(PartOfDay.values()).forEach(p -> parts.add(p.name().toLowerCase(Locale.ROOT)));
    Map<String, Object> partOfDay = new java.util.LinkedHashMap<>();
    partOfDay.put("type", List.of("string", "null"));
    List<Object> partsOrNull = new ArrayList<>(parts);
    partsOrNull.add(null);
    partOfDay.put("enum", partsOrNull);
    Map<String, Object> pair = object(props("field", string(null), "value", string(null)));
    Map<String, Object> missing =
        object(props("field", string(null), "question", string("The question for the owner.")));
    Map<String, Object> schema =
        object(
            props(
                "instruction", string("The owner's instruction, verbatim."),
                "goal", string("One sentence saying what success is."),
                "goal_kind",
                    enumOf(null, Arrays.stream(GoalKind.values()).map(GoalKind::wireName).toList()),
                "topic", nullableString("What the call is about, e.g. dental cleaning."),
                "contact", nullableContact,
                "contact_candidates",
                    array("Contacts that match equally well when the match is ambiguous.", contact),
                "target_phone", nullableString("The number to call in E.164, or null."),
                "time_window",
                    nullableObject(
                        props(
                            "earliest", string("ISO-8601 with offset and zone id."),
                            "latest", string("ISO-8601 with offset and zone id."),
                            "preferred_part_of_day", partOfDay,
                            "raw", string("The instruction's words for it."))),
                "money_limit",
                    nullableObject(
                        props(
                            "max", string("Plain decimal, e.g. 150 or 89.99."),
                            "currency", string("ISO 4217 code."),
                            "raw", string("The instruction's words for it."))),
                "party_size", nullableInteger(null),
                "tone", enumOf(null, Arrays.stream(Tone.values()).map(Tone::wireName).toList()),
                "hard_constraints", array(null, string(null)),
                "soft_preferences", array(null, string(null)),
                "questions", array("What to ask on the call.", string(null)),
                "facts_to_share", array("What the agent may tell the other side.", pair),
                "missing", array("What blocks the call until the owner answers.", missing),
                "planned_at", nullableString("Leave null; the planner sets it.")));
    return new JsonOutput(
        "call_plan", "The plan for one phone call placed on the owner's behalf.", schema);
  }
}
