package dev.parley.control.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the append-only audit trail of a task or session.
 *
 * @param detail a JSON object, serialised
 */
@MappedEntity("call_events")
public record CallEvent(
    @Id @GeneratedValue @Nullable Long id,
    UUID organizationId,
    @Nullable UUID taskId,
    @Nullable UUID sessionId,
    String type,
    @Nullable String fromState,
    @Nullable String toState,
    @ColumnTransformer(write = "?::jsonb") String detail,
    Instant at) {

  /**
   * An entry still to be written, without its id and time (the JDBC paths batch entries and stamp
   * them all with one time, {@code CallRecords.events}).
   *
   * @param detailJson a JSON object, already serialised (e.g. with {@code Json.object})
   */
  public static CallEvent of(
      UUID organizationId,
      UUID taskId,
      UUID sessionId,
      String type,
      String fromState,
      String toState,
      String detailJson) {
    return new CallEvent(
        null, organizationId, taskId, sessionId, type, fromState, toState, detailJson, null);
  }
}
