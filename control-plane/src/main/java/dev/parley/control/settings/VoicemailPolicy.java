package dev.parley.control.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** What the assistant does when a machine answers. */
@Serdeable
public enum VoicemailPolicy implements WireEnum {
  HANG_UP("hang_up"),
  LEAVE_MESSAGE("leave_message");

  private final String wire;

  VoicemailPolicy(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static VoicemailPolicy fromWire(String token) {
    return WireEnum.fromWire(VoicemailPolicy.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<VoicemailPolicy> {
    public Converter() {
      super(VoicemailPolicy.class);
    }
  }
}
