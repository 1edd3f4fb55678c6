package dev.parley.control.infra;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON text for jsonb columns, and back to trees for API responses. */
@Singleton
public final class Json {
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
}
