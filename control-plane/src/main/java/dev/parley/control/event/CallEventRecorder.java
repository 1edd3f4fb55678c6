package dev.parley.control.event;

import dev.parley.control.infra.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes audit events; state machines call it for every transition. */
@Singleton
public class CallEventRecorder {
  private static final String INSERT =
      "INSERT INTO call_events"
          + " (organization_id, task_id, session_id, type, from_state, to_state, detail, at) VALUES ";
  private static final String ROW = "(?, ?, ?, ?, ?, ?, ?::jsonb, ?)";

  private final CallEventRepository events;
  private final JdbcOperations jdbc;
  private final Json json;
  private final Clock clock;

  CallEventRecorder(CallEventRepository events, JdbcOperations jdbc, Json json, Clock clock) {
    this.events = events;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** An event to append with {@link #recordAll}; {@code detail} is stored as a JSON object. */
  public record NewEvent(
      UUID organizationId,
      @Nullable UUID taskId,
      @Nullable UUID sessionId,
      String type,
      @Nullable String fromState,
      @Nullable String toState,
      Map<String, ?> detail) {}

  /**
   * Appends several events in one multi-row insert (one round trip), in list order: their ids, and
   * so the order the audit trail is read back in, follow the list. Runs in the caller's
   * transaction.
   */
  @Transactional
  public void recordAll(List<NewEvent> batch) {
    if (batch.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder(INSERT.length() + batch.size() * (ROW.length() + 2));
    sql.append(INSERT);
    for (int i = 0; i < batch.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(ROW);
    }
    OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    int inserted =
        jdbc.prepareStatement(
            sql.toString(),
            ps -> {
              int p = 1;
              for (NewEvent e : batch) {
                p = bind(ps, p, e, at);
              }
              return ps.executeUpdate();
            });
    if (inserted != batch.size()) {
      throw new IllegalStateException(
          "inserted " + inserted + " of " + batch.size() + " call events");
    }
  }

  private int bind(PreparedStatement ps, int p, NewEvent e, OffsetDateTime at) throws SQLException {
    ps.setObject(p++, e.organizationId());
    ps.setObject(p++, e.taskId());
    ps.setObject(p++, e.sessionId());
    ps.setString(p++, e.type());
    ps.setString(p++, e.fromState());
    ps.setString(p++, e.toState());
    ps.setString(p++, json.write(e.detail()));
    ps.setObject(p++, at);
    return p;
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
