package dev.parley.control.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * Lifecycle state of one dial attempt; transitions are ruled by {@link CallSessionStateMachine}.
 */
@Serdeable
public enum CallSessionStatus implements WireEnum {
  INITIATED("initiated"),
  RINGING("ringing"),
  CONNECTED("connected"),
  COMPLETED("completed"),
  FAILED("failed"),
  CANCELLED("cancelled"),
  NO_ANSWER("no_answer"),
  BUSY("busy");

  private final String wire;

  CallSessionStatus(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static CallSessionStatus fromWire(String token) {
    return WireEnum.fromWire(CallSessionStatus.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<CallSessionStatus> {
    public Converter() {
      super(CallSessionStatus.class);
    }
  }
}
