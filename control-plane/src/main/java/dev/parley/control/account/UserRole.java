package dev.parley.control.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** What a user may do in their organisation. */
@Serdeable
public enum UserRole implements WireEnum {
  MEMBER("member"),
  ADMIN("admin");

  private final String wire;

  UserRole(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static UserRole fromWire(String token) {
    return WireEnum.fromWire(UserRole.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<UserRole> {
    public Converter() {
      super(UserRole.class);
    }
  }
}
