package dev.parley.control.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.infra.WireEnumConverter;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Dispatch priority of a call task. */
@Serdeable
public enum TaskPriority implements WireEnum {
  LOW("low"),
  NORMAL("normal"),
  HIGH("high");

  private final String wire;

  TaskPriority(String wire) {
    this.wire = wire;
  }

  @Override
  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses a token; unknown tokens are an {@link IllegalArgumentException}. */
  @JsonCreator
  public static TaskPriority fromWire(String token) {
    return WireEnum.fromWire(TaskPriority.class, token);
  }

  /** Database mapping for this enum. */
  @Singleton
  public static final class Converter extends WireEnumConverter<TaskPriority> {
    public Converter() {
      super(TaskPriority.class);
    }
  }
}
