package dev.parley.control.safety;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Review state of a flagged call. */
@Serdeable
public enum FlagStatus implements WireEnum {
  OPEN("open"),
  RESOLVED("resolved");

  private final String wire;

  FlagStatus(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static FlagStatus fromWire(String token) {
    return WireEnum.fromWire(FlagStatus.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<FlagStatus> {
    public Converter() {
      super(FlagStatus.class);
    }
  }
}
