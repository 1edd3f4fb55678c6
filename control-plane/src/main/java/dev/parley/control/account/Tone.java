package dev.parley.control.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** How the assistant sounds on a call. */
@Serdeable
public enum Tone implements WireEnum {
  FRIENDLY("friendly"),
  NEUTRAL("neutral"),
  FIRM("firm"),
  ASSERTIVE("assertive");

  private final String wire;

  Tone(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static Tone fromWire(String token) {
    return WireEnum.fromWire(Tone.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<Tone> {
    public Converter() {
      super(Tone.class);
    }
  }
}
