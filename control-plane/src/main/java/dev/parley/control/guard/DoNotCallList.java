package dev.parley.control.guard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Adds numbers to an organisation's do-not-call list. The dialog agent calls {@link #optOut} when
 * the other party asks not to be called again; {@link DialGuards} refuses every later dial to it.
 * The change log ({@code number_list_changes}) names the call it came from.
 */
public final class DoNotCallList {
  private final DataSource dataSource;
  private final Clock clock;

  public DoNotCallList(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * Puts the remote party of call session {@code sessionId} on its organisation's list (the callee
   * of an outbound call, the caller of an inbound one) and records a call event. Returns false when
   * the number was already listed or the session is unknown.
   */
  public boolean optOut(UUID sessionId, String reason) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO do_not_call_numbers (id, organization_id, phone, reason, created_at)"
                      + " SELECT ?, s.organization_id,"
                      + " CASE WHEN s.direction = 'inbound' THEN s.from_phone ELSE COALESCE(s.to_phone, t.target_phone) END,"
                      + " ?, ? FROM call_sessions s JOIN call_tasks t ON t.id = s.task_id WHERE s.id = ?"
                      + " ON CONFLICT (organization_id, phone) DO NOTHING");
          PreparedStatement log =
              c.prepareStatement(
                  "INSERT INTO number_list_changes"
                      + " (id, organization_id, list, phone, action, note, session_id, at)"
                      + " SELECT ?, organization_id, 'do_not_call', phone, 'added', left(?::text, 500), ?, ?"
                      + " FROM do_not_call_numbers WHERE id = ?");
          PreparedStatement ev =
              c.prepareStatement(
                  "INSERT INTO call_events (organization_id, task_id, session_id, type, detail, at)"
                      + " SELECT organization_id, task_id, id, 'do_not_call.added', jsonb_build_object('reason', ?::text), ?"
                      + " FROM call_sessions WHERE id = ?")) {
        Timestamp now = Timestamp.from(clock.instant());
        UUID id = UUID.randomUUID();
        ps.setObject(1, id);
        ps.setString(2, reason);
        ps.setTimestamp(3, now);
        ps.setObject(4, sessionId);
        boolean added = ps.executeUpdate() == 1;
        if (added) {
          log.setObject(1, UUID.randomUUID());
          log.setString(2, reason);
          log.setObject(3, sessionId);
          log.setTimestamp(4, now);
          log.setObject(5, id);
          log.executeUpdate();
          ev.setString(1, reason);
          ev.setTimestamp(2, now);
          ev.setObject(3, sessionId);
          ev.executeUpdate();
        }
        c.commit();
        return added;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
