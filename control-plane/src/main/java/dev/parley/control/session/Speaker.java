package dev.parley.control.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Who spoke a transcript segment. */
@Serdeable
public enum Speaker implements WireEnum {
  ASSISTANT("assistant"),
  HUMAN("human"),
  SYSTEM("system");

  private final String wire;

  Speaker(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static Speaker fromWire(String token) {
    return WireEnum.fromWire(Speaker.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<Speaker> {
    public Converter() {
      super(Speaker.class);
    }
  }
}
