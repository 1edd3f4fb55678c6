package dev.parley.control.safety;

import dev.parley.control.dispatch.RawDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * An organisation's do-not-call list and allow-list, as people edit them (the agent adds to the
 * do-not-call list during a call through {@code DoNotCallList}; {@code DialGuards} reads both
 * before every dial). Every change is written to {@code number_list_changes} in the same
 * transaction.
 */
@Singleton
public class NumberLists {

  /** The two lists: their table, and what their note column is called. */
  public enum Kind {
    DO_NOT_CALL("do_not_call", "do_not_call_numbers", "reason"),
    ALLOW_LIST("allow_list", "allow_listed_numbers", "label");

    private final String wire;
    private final String table;
    private final String noteColumn;

    Kind(String wire, String table, String noteColumn) {
      this.wire = wire;
      this.table = table;
      this.noteColumn = noteColumn;
    }

    /** The list's name in the change log and the API. */
    public String wire() {
      return wire;
    }

    static Kind ofWire(String wire) {
      for (Kind k : values()) {
        if (k.wire.equals(wire)) {
          return k;
        }
      }
      throw new IllegalStateException("unknown number list " + wire);
    }
  }

  /** A listed number; {@code note} is the do-not-call reason or the allow-list label. */
  public record Entry(UUID id, String phone, String note, Instant createdAt) {}

  /** What an add did: the entry now listed, and whether this request listed it. */
  public record Added(Entry entry, boolean created) {}

  /** One line of the change log. */
  public record Change(
      UUID id,
      Kind list,
      String phone,
      String action,
      String note,
      UUID userId,
      UUID sessionId,
      Instant at) {}

  private final DataSource db;
  private final Clock clock;

  public NumberLists(DataSource dataSource, Clock clock) {
    this.db = RawDataSource.of(dataSource);
    this.clock = clock;
  }

  /**
   * Lists {@code phone} (E.164) on {@code kind}; when it is already listed, the existing entry is
   * returned unchanged and nothing is logged.
   */
  public Added add(UUID org, UUID user, Kind kind, String phone, String note) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        boolean created;
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + kind.table
                    + " (id, organization_id, phone, "
                    + kind.noteColumn
                    + ", created_at) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (organization_id, phone) DO NOTHING")) {
          ps.setObject(1, id);
          ps.setObject(2, org);
          ps.setString(3, phone);
          ps.setString(4, note);
          ps.setTimestamp(5, Timestamp.from(now));
          created = ps.executeUpdate() == 1;
        }
        if (created) {
          logChange(c, org, kind, phone, "added", note, user, now);
        }
        Entry entry =
            findBy(c, org, kind, "phone = ?", phone)
                .orElseThrow(() -> new IllegalStateException("listed number vanished"));
        c.commit();
        return new Added(entry, created);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("listing a number failed", e);
    }
  }

  /**
   * Takes entry {@code id} off {@code kind}, logging who did it and why; empty when the
   * organisation has no such entry.
   */
  public Optional<Entry> remove(UUID org, UUID user, Kind kind, UUID id, String note) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Optional<Entry> removed;
        try (PreparedStatement ps =
            c.prepareStatement(
                "DELETE FROM "
                    + kind.table
                    + " WHERE organization_id = ? AND id = ? RETURNING id, phone, "
                    + kind.noteColumn
                    + ", created_at")) {
          ps.setObject(1, org);
          ps.setObject(2, id);
          try (ResultSet rs = ps.executeQuery()) {
            removed = rs.next() ? Optional.of(entry(rs)) : Optional.empty();
          }
        }
        if (removed.isPresent()) {
          logChange(c, org, kind, removed.get().phone(), "removed", note, user, clock.instant());
        }
        c.commit();
        return removed;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("removing a listed number failed", e);
    }
  }

  /** A page of {@code kind}, newest first; only {@code phone} when it is given. */
  public List<Entry> list(UUID org, Kind kind, String phone, int offset, int limit) {
    String sql =
        "SELECT id, phone, "
            + kind.noteColumn
            + ", created_at FROM "
            + kind.table
            + " WHERE organization_id = ? AND (?::text IS NULL OR phone = ?)"
            + " ORDER BY created_at DESC, id OFFSET ? LIMIT ?";
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, org);
      ps.setString(2, phone);
      ps.setString(3, phone);
      ps.setInt(4, offset);
      ps.setInt(5, limit);
      List<Entry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(entry(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("reading a number list failed", e);
    }
  }

  /** How many entries {@link #list} would page through. */
  public long count(UUID org, Kind kind, String phone) {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM "
                    + kind.table
                    + " WHERE organization_id = ? AND (?::text IS NULL OR phone = ?)")) {
      ps.setObject(1, org);
      ps.setString(2, phone);
      ps.setString(3, phone);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("counting a number list failed", e);
    }
  }

  /** Entry {@code id} of {@code kind}, if the organisation has it. */
  public Optional<Entry> find(UUID org, Kind kind, UUID id) {
    try (Connection c = db.getConnection()) {
      return findBy(c, org, kind, "id = ?", id);
    } catch (SQLException e) {
      throw new IllegalStateException("reading a number list failed", e);
    }
  }

  /**
   * A page of the organisation's change log for both lists, newest first (in the order written).
   */
  public List<Change> changes(UUID org, int offset, int limit) {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, list, phone, action, note, user_id, session_id, at"
                    + " FROM number_list_changes WHERE organization_id = ?"
                    + " ORDER BY seq DESC OFFSET ? LIMIT ?")) {
      ps.setObject(1, org);
      ps.setInt(2, offset);
      ps.setInt(3, limit);
      List<Change> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Change(
                  rs.getObject(1, UUID.class),
                  Kind.ofWire(rs.getString(2)),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getObject(6, UUID.class),
                  rs.getObject(7, UUID.class),
                  rs.getTimestamp(8).toInstant()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("reading the number list changes failed", e);
    }
  }

  /** How many lines the change log has. */
  public long changeCount(UUID org) {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM number_list_changes WHERE organization_id = ?")) {
      ps.setObject(1, org);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("counting the number list changes failed", e);
    }
  }

  private static Optional<Entry> findBy(
      Connection c, UUID org, Kind kind, String condition, Object value) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, phone, "
                + kind.noteColumn
                + ", created_at FROM "
                + kind.table
                + " WHERE organization_id = ? AND "
                + condition)) {
      ps.setObject(1, org);
      ps.setObject(2, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
      }
    }
  }

  private static Entry entry(ResultSet rs) throws SQLException {
    return new Entry(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getTimestamp(4).toInstant());
  }

  /** Appends one line to the change log (in the caller's transaction). */
  static void logChange(
      Connection c,
      UUID org,
      Kind kind,
      String phone,
      String action,
      String note,
      UUID user,
      Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO number_list_changes"
                + " (id, organization_id, list, phone, action, note, user_id, at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setObject(2, org);
      ps.setString(3, kind.wire);
      ps.setString(4, phone);
      ps.setString(5, action);
      ps.setString(6, note);
      ps.setObject(7, user);
      ps.setTimestamp(8, Timestamp.from(at));
      ps.executeUpdate();
    }
  }
}
