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
import javax.sql.DataSource;

/** Rows the dispatcher and telephony tests start from, written with plain SQL. */
public final class Fixtures {
  private final DataSource ds;

  public Fixtures(DataSource ds) {
    this.ds = ds;
  }

  /** A new organisation with one user; returns {org, user}. */
  public UUID[] orgAndUser(Instant now) throws SQLException {
    UUID org = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO organizations (id, name, created_at) VALUES (?, 'Test org', ?)")) {
        ps.setObject(1, org);
        ps.setTimestamp(2, Timestamp.from(now));
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO users (id, organization_id, full_name, email, created_at, updated_at)"
                  + " VALUES (?, ?, 'Test User', ?, ?, ?)")) {
        ps.setObject(1, user);
        ps.setObject(2, org);
        ps.setString(3, user + "@example.test");
        ps.setTimestamp(4, Timestamp.from(now));
        ps.setTimestamp(5, Timestamp.from(now));
        ps.executeUpdate();
      }
    }
    return new UUID[] {org, user};
  }

  /** Inserts ready-to-call tasks, one per phone; returns their ids in order. */
  public List<UUID> readyTasks(
      UUID org, UUID user, String kind, List<String> phones, int maxAttempts, Instant now)
      throws SQLException {
    List<UUID> ids = new ArrayList<>(phones.size());
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO call_tasks (id, organization_id, owner_user_id, title, raw_instruction, kind, status,"
                    + " target_phone, tone, max_attempts, attestation, created_at, updated_at)"
                    + " VALUES (?, ?, ?, 'Call', 'Call them', ?, 'ready_to_call', ?, 'neutral', ?, ?::jsonb, ?, ?)")) {
      for (String phone : phones) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        ps.setObject(1, id);
        ps.setObject(2, org);
        ps.setObject(3, user);
        ps.setString(4, kind);
        ps.setString(5, phone);
        ps.setInt(6, maxAttempts);
        ps.setString(7, "b2b".equals(kind) ? "{\"attested\": true}" : null);
        ps.setTimestamp(8, Timestamp.from(now));
        ps.setTimestamp(9, Timestamp.from(now));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return ids;
  }

  /** {@code n} distinct New York numbers starting at {@code first}. */
  public static List<String> phones(int first, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(String.format("+1212%07d", 2000000 + first + i));
    }
    return out;
  }

  /** One row of a single-column query as a long. */
  public long count(String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** A task's status. */
  public String status(UUID task) throws SQLException {
    return string("SELECT status FROM call_tasks WHERE id = ?", task);
  }

  /** One string from a single-row, single-column query. */
  public String string(String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Runs an update. */
  public int exec(String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }
}
