package dev.parley.control.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Why a call task exists. */
@Serdeable
public enum CallTaskKind implements WireEnum {
  PERSONAL("personal"),
  B2B("b2b"),
  REMINDER("reminder"),
  INBOUND("inbound");

  private final String wire;

  CallTaskKind(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static CallTaskKind fromWire(String token) {
    return WireEnum.fromWire(CallTaskKind.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<CallTaskKind> {
    public Converter() {
      super(CallTaskKind.class);
    }
  }
}
