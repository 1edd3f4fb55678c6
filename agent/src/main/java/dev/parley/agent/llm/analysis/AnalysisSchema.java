package dev.parley.agent.llm.analysis;

import static dev.parley.agent.llm.JsonSchemas.array;
import static dev.parley.agent.llm.JsonSchemas.bool;
import static dev.parley.agent.llm.JsonSchemas.enumOf;
import static dev.parley.agent.llm.JsonSchemas.nullableString;
import static dev.parley.agent.llm.JsonSchemas.object;
import static dev.parley.agent.llm.JsonSchemas.props;
import static dev.parley.agent.llm.JsonSchemas.string;

import dev.parley.agent.analysis.CallOutcome;
import dev.parley.agent.analysis.ValueType;
import dev.parley.agent.llm.client.JsonOutput;
import java.util.Arrays;
import java.util.List;

/** The JSON schema of a {@link dev.parley.agent.analysis.CallAnalysis}, for the analyst. */
final class AnalysisSchema {

  /** The keys {@link dev.parley.agent.analysis.ExtractedDatum} documents. */
  static final List<String> KEYS =
      List.of(
          "price",
          "appointment_time",
          "confirmation_number",
          "contact_person",
          "business_name",
          "instructions",
          "answer",
          "phone_number",
          "sentiment",
          "goal_achieved");

  private AnalysisSchema() {}

  static JsonOutput output() {
    return new JsonOutput(
        "call_analysis",
        "What a finished phone call achieved, for the owner.",
        object(
            props(
                "summary", string("A few sentences for the owner."),
                "data",
                    array(
                        "The facts taken from the call.",
                        object(
                            props(
                                "key", enumOf("What the fact is.", KEYS),
                                "value",
                                    string(
                                        "Canonical form: ISO-8601 with offset for datetime, plain"
                                            + " decimal for number, true/false for boolean."),
                                "value_type",
                                    enumOf(
                                        null,
                                        Arrays.stream(ValueType.values())
                                            .map(ValueType::wireName)
                                            .toList()),
                                "raw", string("The transcript's words it came from.")))),
                "goal_achieved", bool("Whether the plan's goal was met."),
                "outcome",
                    enumOf(
                        "How the call ended.",
                        Arrays.stream(CallOutcome.values()).map(CallOutcome::wireName).toList()),
                "follow_up_required", bool("Whether the owner or the agent must do something."),
                "follow_up_instruction",
                    nullableString("An instruction that could be planned as the next call."))));
  }
}
