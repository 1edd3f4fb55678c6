package dev.parley.control.contact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Whether a contact is a person or a business. */
@Serdeable
public enum ContactKind implements WireEnum {
  PERSON("person"),
  BUSINESS("business");

  private final String wire;

  ContactKind(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static ContactKind fromWire(String token) {
    return WireEnum.fromWire(ContactKind.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<ContactKind> {
    public Converter() {
      super(ContactKind.class);
    }
  }
}
