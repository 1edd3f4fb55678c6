package dev.parley.control.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Who picked up, as answering-machine detection reports it. */
@Serdeable
public enum AnsweredBy implements WireEnum {
  HUMAN("human"),
  MACHINE("machine"),
  FAX("fax"),
  UNKNOWN("unknown");

  private final String wire;

  AnsweredBy(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static AnsweredBy fromWire(String token) {
    return WireEnum.fromWire(AnsweredBy.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<AnsweredBy> {
    public Converter() {
      super(AnsweredBy.class);
    }
  }
}
