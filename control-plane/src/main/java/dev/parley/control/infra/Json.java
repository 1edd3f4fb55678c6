package dev.parley.control.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON text for jsonb columns, and back to trees for API responses; {@link #object} builds the
 * small flat detail objects that the JDBC paths (dispatcher, telephony) write without a bean.
 */
@Singleton
public final class Json {
  private static final ObjectMapper FLAT = new ObjectMapper();

  private final JsonMapper mapper;

  Json(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** Serialises a value (record, map, list) to JSON text; null stays null. */
  public String write(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON text into a tree for a response; null stays null. */
  public JsonNode tree(String json) {
    if (json == null) {
      return null;
    }
    try {
      return mapper.readValue(json, JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON text into the given type. */
  public <T> T read(String json, Argument<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code {"k1": "v1", ...}} from alternating keys and values, for audit rows and notifications.
   * Jackson does the escaping; numbers and booleans stay so, null stays null, anything else (ids,
   * instants, enums) becomes its string form, so the audit reads the same whatever the type.
   */
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
      return FLAT.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit detail is not serialisable", e);
    }
  }
}
