package dev.parley.control.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Type of an extracted value. */
@Serdeable
public enum ValueType implements WireEnum {
  STRING("string"),
  NUMBER("number"),
  DATETIME("datetime"),
  BOOLEAN("boolean"),
  JSON("json");

  private final String wire;

  ValueType(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static ValueType fromWire(String token) {
    return WireEnum.fromWire(ValueType.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<ValueType> {
    public Converter() {
      super(ValueType.class);
    }
  }
}
