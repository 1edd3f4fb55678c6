package dev.parley.control.infra;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;

/** Stores a {@link WireEnum} as its token, so the database CHECK constraints read naturally. */
public abstract class WireEnumConverter<E extends Enum<E> & WireEnum>
    implements AttributeConverter<E, String> {
  private final Class<E> type;

  protected WireEnumConverter(Class<E> type) {
    this.type = type;
  }

  @Override
  public String convertToPersistedValue(E value, ConversionContext context) {
    return value == null ? null : value.wire();
  }

  @Override
  public E convertToEntityValue(String value, ConversionContext context) {
    return value == null ? null : WireEnum.fromWire(type, value);
  }
}
