package dev.parley.control.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Lifecycle state of a call task; transitions are ruled by {@link CallTaskStateMachine}. */
@Serdeable
public enum CallTaskStatus implements WireEnum {
  PENDING("pending"),
  PREPARING("preparing"),
  WAITING_FOR_USER("waiting_for_user"),
  READY_TO_CALL("ready_to_call"),
  SCHEDULED("scheduled"),
  DIALING("dialing"),
  IN_PROGRESS("in_progress"),
  COMPLETED("completed"),
  FAILED("failed"),
  CANCELLED("cancelled");

  private final String wire;

  CallTaskStatus(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static CallTaskStatus fromWire(String token) {
    return WireEnum.fromWire(CallTaskStatus.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<CallTaskStatus> {
    public Converter() {
      super(CallTaskStatus.class);
    }
  }
}
