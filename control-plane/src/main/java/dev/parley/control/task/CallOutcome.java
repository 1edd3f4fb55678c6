package dev.parley.control.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** How a finished call task ended. */
@Serdeable
public enum CallOutcome implements WireEnum {
  GOAL_ACHIEVED("goal_achieved"),
  NOT_ACHIEVED("not_achieved"),
  NO_ANSWER("no_answer"),
  BUSY("busy"),
  VOICEMAIL("voicemail"),
  WRONG_NUMBER("wrong_number"),
  DECLINED("declined"),
  ERROR("error");

  private final String wire;

  CallOutcome(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static CallOutcome fromWire(String token) {
    return WireEnum.fromWire(CallOutcome.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<CallOutcome> {
    public Converter() {
      super(CallOutcome.class);
    }
  }
}
