package dev.parley.agent.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.agent.llm.client.ToolCall;

/**
 * Reads the arguments of a model's tool call. Every problem is an {@link InvalidOutputException}
 * phrased so the model can correct it ("book needs a non-empty 'start'"). Thread-safe.
 */
public final class ToolArguments {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolArguments() {}

  /** The call's arguments, which must be one JSON object. */
  public static JsonNode of(ToolCall call) throws InvalidOutputException {
    try {
      JsonNode n = JSON.readTree(call.argumentsJson());
      if (n == null || !n.isObject()) {
        throw new InvalidOutputException(call.name() + " arguments are not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new InvalidOutputException(
          call.name() + " arguments are not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** A value that must be present and not blank, trimmed. */
  public static String required(ToolCall call, JsonNode args, String field)
      throws InvalidOutputException {
    String v = optional(args, field);
    if (v == null) {
      throw new InvalidOutputException(call.name() + " needs a non-empty '" + field + "'");
    }
    return v;
  }

  /** A value that may be absent, null or blank (all read as null), trimmed. */
  public static String optional(JsonNode args, String field) {
    JsonNode v = args.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      return null;
    }
    return v.asText().trim();
  }
}
