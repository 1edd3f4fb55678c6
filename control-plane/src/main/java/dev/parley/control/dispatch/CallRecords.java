package dev.parley.control.dispatch;

import dev.parley.control.event.CallEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes the audit trail and notifications that dispatching and telephony produce, in the caller's
 * transaction, so a state change and its record commit or vanish together. Batches go in as one
 * statement over {@code unnest} arrays.
 */
public final class CallRecords {
  private CallRecords() {}

  /** Appends {@code events}, all stamped {@code at}. */
  public static void events(Connection c, List<CallEvent> events, Instant at) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    int n = events.size();
    Object[] org = new Object[n];
    Object[] task = new Object[n];
    Object[] session = new Object[n];
    Object[] type = new Object[n];
    Object[] from = new Object[n];
    Object[] to = new Object[n];
    Object[] detail = new Object[n];
    for (int i = 0; i < n; i++) {
      CallEvent e = events.get(i);
      org[i] = e.organizationId();
      task[i] = e.taskId();
      session[i] = e.sessionId();
      type[i] = e.type();
      from[i] = e.fromState();
      to[i] = e.toState();
      detail[i] = e.detail() == null ? "{}" : e.detail();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO call_events (organization_id, task_id, session_id, type, from_state, to_state, detail, at)"
                + " SELECT o, t, s, ty, f, tt, d::jsonb, ? FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[]) AS x(o, t, s, ty, f, tt, d)")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setArray(2, c.createArrayOf("uuid", org));
      ps.setArray(3, c.createArrayOf("uuid", task));
      ps.setArray(4, c.createArrayOf("uuid", session));
      ps.setArray(5, c.createArrayOf("text", type));
      ps.setArray(6, c.createArrayOf("text", from));
      ps.setArray(7, c.createArrayOf("text", to));
      ps.setArray(8, c.createArrayOf("text", detail));
      ps.executeUpdate();
    }
  }

  /** Appends one event. */
  public static void event(Connection c, CallEvent e, Instant at) throws SQLException {
    events(c, List.of(e), at);
  }

  /** Notifies the task's owner with a notification of {@code type} carrying {@code payloadJson}. */
  public static void notifyOwner(
      Connection c, UUID taskId, String type, String payloadJson, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO notifications (id, organization_id, user_id, task_id, type, payload, created_at)"
                + " SELECT ?, organization_id, owner_user_id, id, ?, ?::jsonb, ? FROM call_tasks WHERE id = ?")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, type);
      ps.setString(3, payloadJson);
      ps.setTimestamp(4, Timestamp.from(at));
      ps.setObject(5, taskId);
      ps.executeUpdate();
    }
  }
}
