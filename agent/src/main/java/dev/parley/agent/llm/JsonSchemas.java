package dev.parley.agent.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON schemas the brains send, in the subset both strict OpenAI structured outputs and
 * Anthropic tool input schemas accept: objects list every property as required and allow no others;
 * optional values are typed {@code [T, "null"]}.
 */
public final class JsonSchemas {

  private JsonSchemas() {}

  /** An object with exactly {@code properties}, all required. */
  public static Map<String, Object> object(Map<String, Object> properties) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "object");
    m.put("properties", properties);
    m.put("required", List.copyOf(properties.keySet()));
    m.put("additionalProperties", false);
    return m;
  }

  /** A nullable object. */
  public static Map<String, Object> nullableObject(Map<String, Object> properties) {
    Map<String, Object> m = object(properties);
    m.put("type", List.of("object", "null"));
    return m;
  }

  /** A string, described. */
  public static Map<String, Object> string(String description) {
    return typed("string", description);
  }

  /** A string or null, described. */
  public static Map<String, Object> nullableString(String description) {
    return typed(List.of("string", "null"), description);
  }

  /** One of {@code values}. */
  public static Map<String, Object> enumOf(String description, List<String> values) {
    Map<String, Object> m = typed("string", description);
    m.put("enum", values);
    return m;
  }

  /** A boolean, described. */
  public static Map<String, Object> bool(String description) {
    return typed("boolean", description);
  }

  /** An integer or null, described. */
  public static Map<String, Object> nullableInteger(String description) {
    return typed(List.of("integer", "null"), description);
  }

  /** An array of {@code items}. */
  public static Map<String, Object> array(String description, Map<String, Object> items) {
    Map<String, Object> m = typed("array", description);
    m.put("items", items);
    return m;
  }

  /** Ordered properties: name, schema, name, schema, ... */
  public static Map<String, Object> props(Object... nameThenSchema) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < nameThenSchema.length; i += 2) {
      m.put((String) nameThenSchema[i], nameThenSchema[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> typed(Object type, String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    if (description != null) {
      m.put("description", description);
    }
    return m;
  }
}
