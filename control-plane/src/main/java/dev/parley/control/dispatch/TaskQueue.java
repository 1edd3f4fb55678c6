package dev.parley.control.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The tasks table as a queue. One statement claims up to {@code limit} due rows for an owner: ready
 * tasks, scheduled tasks whose time has come, and tasks left in dialing by an instance whose lease
 * expired before it placed the call (a placed call releases the lease, so an expired lease on a
 * dialing row means "no provider call recorded"). {@code FOR UPDATE SKIP LOCKED} lets any number of
 * instances run this concurrently without blocking on or double-claiming a row.
 */
public final class TaskQueue {
  static final String CLAIM =
      "UPDATE call_tasks t SET status = 'dialing', lease_owner = ?, lease_expires_at = ?,"
          + " version = t.version + 1, updated_at = ?"
          + " FROM (SELECT id, status AS previous_status FROM call_tasks"
          + "       WHERE (status = 'ready_to_call' AND (scheduled_for IS NULL OR scheduled_for <= ?))"
          + "          OR (status = 'scheduled' AND next_attempt_at <= ?)"
          + "          OR (status = 'dialing' AND lease_expires_at < ?)"
          + "       LIMIT ? FOR UPDATE SKIP LOCKED) due"
          + " WHERE t.id = due.id"
          + " RETURNING t.id, t.organization_id, t.owner_user_id, t.kind, t.target_phone, t.contact_id,"
          + " t.attempt_count, t.max_attempts, t.version, due.previous_status";

  private TaskQueue() {}

  /**
   * Claims up to {@code limit} due tasks for {@code owner} until {@code leaseUntil}; autocommit.
   */
  public static List<ClaimedTask> claim(
      Connection c, String owner, Instant now, Instant leaseUntil, int limit) throws SQLException {
    List<ClaimedTask> out = new ArrayList<>(limit);
    Timestamp nowTs = Timestamp.from(now);
    try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
      ps.setString(1, owner);
      ps.setTimestamp(2, Timestamp.from(leaseUntil));
      ps.setTimestamp(3, nowTs);
      ps.setTimestamp(4, nowTs);
      ps.setTimestamp(5, nowTs);
      ps.setTimestamp(6, nowTs);
      ps.setInt(7, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ClaimedTask(
                  rs.getObject(1, UUID.class),
                  rs.getObject(2, UUID.class),
                  rs.getObject(3, UUID.class),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getObject(6, UUID.class),
                  rs.getInt(7),
                  rs.getInt(8),
                  rs.getLong(9),
                  rs.getString(10)));
        }
      }
    }
    return out;
  }
}
