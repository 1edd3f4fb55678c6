package dev.parley.media.realtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The function tools a speech-to-speech model is offered: the dialog agent's tools with the same
 * names and arguments (agent's {@code DialogTools}: {@code record_fact}, {@code send_dtmf}, {@code
 * request_approval}, {@code add_to_do_not_call}, {@code hang_up}), so the control plane runs them
 * as it runs the LLM agent's. SESSION_START carries no tool definitions, so this fixed catalog
 * stands in for them; every call goes to the control plane as TOOL_CALL, and {@value #HANG_UP} also
 * ends the call on the node once the goodbye has played. {@code transfer} is left out: whether the
 * owner's number may be shared is not known on the node.
 */
public final class RealtimeTools {

  /** The hang-up tool's name. */
  public static final String HANG_UP = "hang_up";

  /** Hang-up reasons the control plane knows (agent/README.md). */
  static final List<String> HANG_UP_REASONS =
      List.of(
          "completed",
          "not_achieved",
          "callee_ended",
          "voicemail_left",
          "voicemail_skipped",
          "opt_out",
          "wrong_number",
          "unavailable",
          "no_suitable_time",
          "approval_declined",
          "no_response",
          "menu_loop",
          "menu_dead_end",
          "too_long");

  /** The facts the dialog agent records (its {@code Slots} keys). */
  static final List<String> FACT_KEYS =
      List.of(
          "appointment_time",
          "appointment_time_raw",
          "price",
          "price_raw",
          "confirmation_code",
          "person_name",
          "business_name",
          "answer",
          "acknowledged",
          "confirmed",
          "cancelled",
          "resolved",
          "instructions");

  private RealtimeTools() {}

  /** The {@code tools} array of {@code session.update}. */
  public static ArrayNode definitions() {
    ArrayNode tools = JsonNodeFactory.instance.arrayNode();
    tools.add(
        tool(
            "record_fact",
            "Save a fact the other party gave as soon as you hear it, so it survives a dropped"
                + " call.",
            params()
                .choice("key", "What the fact is.", FACT_KEYS)
                .text(
                    "value",
                    "The value: appointment_time as ISO-8601 with offset, price as a plain"
                        + " decimal, confirmation_code in capitals, true/false for flags, the"
                        + " other party's words otherwise.")));
    tools.add(
        tool(
            "send_dtmf",
            "Press keys to answer an automated phone menu.",
            params().text("digits", "Keys 0-9, * and #; w is a half-second pause.")));
    tools.add(
        tool(
            "request_approval",
            "Ask the owner to approve a price above the limit; tell the other party you are"
                + " checking and ask them to hold.",
            params()
                .text("reason", "What the owner is asked to approve, in one sentence.")
                .text("amount", "The amount as a plain decimal, e.g. 240 or 89.99.")));
    tools.add(
        tool(
            "add_to_do_not_call",
            "The other party asked not to be called again: never call this number again.",
            params().text("reason", "The other party's words.")));
    tools.add(
        tool(
            HANG_UP,
            "End the call after your goodbye, which you say first.",
            params().choice("reason", "Why the call ends.", HANG_UP_REASONS)));
    return tools;
  }

  private static ObjectNode tool(String name, String description, Params parameters) {
    ObjectNode t = JsonNodeFactory.instance.objectNode();
    t.put("type", "function");
    t.put("name", name);
    t.put("description", description);
    t.set("parameters", parameters.schema);
    return t;
  }

  private static Params params() {
    return new Params();
  }

  /** A JSON schema object whose properties are all required strings. */
  private static final class Params {
    final ObjectNode schema = JsonNodeFactory.instance.objectNode();
    private final ObjectNode props;
    private final ArrayNode required;

    Params() {
      schema.put("type", "object");
      props = schema.putObject("properties");
      required = schema.putArray("required");
      schema.put("additionalProperties", false);
    }

    Params text(String name, String description) {
      props.putObject(name).put("type", "string").put("description", description);
      required.add(name);
      return this;
    }

    Params choice(String name, String description, List<String> values) {
      ObjectNode p = props.putObject(name).put("type", "string").put("description", description);
      values.forEach(p.putArray("enum")::add);
      required.add(name);
      return this;
    }
  }
}
