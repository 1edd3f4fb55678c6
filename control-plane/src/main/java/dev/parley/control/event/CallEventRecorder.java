package dev.parley.control.event;

import dev.parley.control.infra.Json;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Writes audit events; state machines call it for every transition. */
@Singleton
public class CallEventRecorder {
  private final CallEventRepository events;
  private final Json json;
  private final Clock clock;

  CallEventRecorder(CallEventRepository events, Json json, Clock clock) {
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /** Appends an event; {@code detail} is stored as a JSON object. */
  public CallEvent record(
      UUID organizationId,
      @Nullable UUID taskId,
      @Nullable UUID sessionId,
      String type,
      @Nullable String fromState,
      @Nullable String toState,
      Map<String, ?> detail) {
    return events.save(
        new CallEvent(
            null,
            organizationId,
            taskId,
            sessionId,
            type,
            fromState,
            toState,
            json.write(detail),
            clock.instant()));
  }
}
