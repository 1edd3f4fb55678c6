package dev.parley.control.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads a call's live state back from the record: transcript segments in order, extracted data as
 * slots (latest value per key wins), and pending approvals.
 */
public final class PostgresCallStateLoader implements CallStateLoader {
  private final DataSource dataSource;

  public PostgresCallStateLoader(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public LiveCallState load(UUID sessionId) throws SQLException {
    List<LiveCallState.Turn> turns = new ArrayList<>();
    Map<String, String> slots = new LinkedHashMap<>();
    List<LiveCallState.PendingApproval> approvals = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT g.speaker, g.text, g.start_ms FROM transcript_segments g JOIN transcripts t ON t.id = g.transcript_id"
                  + " WHERE t.session_id = ? ORDER BY g.seq")) {
        ps.setObject(1, sessionId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            turns.add(new LiveCallState.Turn(rs.getString(1), rs.getString(2), rs.getLong(3)));
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT key, value FROM extracted_data WHERE session_id = ? ORDER BY created_at, id")) {
        ps.setObject(1, sessionId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            slots.put(rs.getString(1), rs.getString(2));
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, reason, amount FROM approvals WHERE session_id = ? AND status = 'pending' ORDER BY created_at")) {
        ps.setObject(1, sessionId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            approvals.add(
                new LiveCallState.PendingApproval(
                    rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
          }
        }
      }
    }
    return new LiveCallState(sessionId, turns, slots, approvals);
  }
}
