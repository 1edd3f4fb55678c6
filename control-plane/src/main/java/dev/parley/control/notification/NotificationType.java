package dev.parley.control.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** What a notification tells its user. */
@Serdeable
public enum NotificationType implements WireEnum {
  CALL_NEEDS_CLARIFICATION("call_needs_clarification"),
  CALL_PRE_APPROVAL("call_pre_approval"),
  CALL_APPROVAL_NEEDED("call_approval_needed"),
  CALL_COMPLETED("call_completed"),
  CALL_NEEDS_FOLLOWUP("call_needs_followup"),
  CALL_FAILED("call_failed");

  private final String wire;

  NotificationType(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static NotificationType fromWire(String token) {
    return WireEnum.fromWire(NotificationType.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<NotificationType> {
    public Converter() {
      super(NotificationType.class);
    }
  }
}
