package dev.parley.control.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Decision state of an approval request. */
@Serdeable
public enum ApprovalStatus implements WireEnum {
  PENDING("pending"),
  APPROVED("approved"),
  DECLINED("declined");

  private final String wire;

  ApprovalStatus(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static ApprovalStatus fromWire(String token) {
    return WireEnum.fromWire(ApprovalStatus.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<ApprovalStatus> {
    public Converter() {
      super(ApprovalStatus.class);
    }
  }
}
