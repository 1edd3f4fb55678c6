package dev.parley.control.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the small flat JSON objects the dispatcher's batched audit rows and notifications carry.
 * Jackson does the escaping; values are kept as numbers and booleans where they are, and as their
 * string form otherwise (ids, instants, enums), so the audit reads the same whatever their type.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** {@code {"k1": "v1", ...}} from alternating keys and values; null values become JSON null. */
  public static String object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must pair up");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object v = keysAndValues[i + 1];
      fields.put(
          String.valueOf(keysAndValues[i]),
          v == null || v instanceof Number || v instanceof Boolean ? v : v.toString());
    }
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit detail is not serialisable", e);
    }
  }
}
