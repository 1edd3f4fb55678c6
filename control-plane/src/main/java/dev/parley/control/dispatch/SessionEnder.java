package dev.parley.control.dispatch;

import dev.parley.control.event.CallEvent;
import dev.parley.control.infra.Json;
import dev.parley.control.telephony.TelephonyException;
import dev.parley.control.telephony.TelephonyProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends live call sessions that this service has given up on (their media node was lost, or the
 * watchdog found them silent): the session gets a terminal status and a reason, the task moves on
 * through {@link AttemptOutcomes} (so a retry follows the task's policy), and the provider call is
 * hung up after the commit. Each session is its own transaction, locked and re-checked, so a status
 * callback that finished it first wins and nothing is ended twice.
 */
public final class SessionEnder {
  private static final Logger log = LoggerFactory.getLogger(SessionEnder.class);

  private final DataSource dataSource;
  private final AttemptOutcomes outcomes;
  private final TelephonyProvider provider;
  private final Clock clock;

  public SessionEnder(
      DataSource dataSource, AttemptOutcomes outcomes, TelephonyProvider provider, Clock clock) {
    this.dataSource = dataSource;
    this.outcomes = outcomes;
    this.provider = provider;
    this.clock = clock;
  }

  /**
   * Ends each still-live session in {@code sessionIds}. An answered (connected) session is {@code
   * completed} when {@code connectedCompletes}, else every one is {@code failed}. Returns how many
   * were ended here.
   */
  public int end(List<UUID> sessionIds, String reason, boolean connectedCompletes) {
    List<String> hangUps = new ArrayList<>();
    int ended = 0;
    for (UUID id : sessionIds) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          String callId = endOne(c, id, reason, connectedCompletes);
          c.commit();
          if (callId != null) {
            ended++;
            if (!callId.isEmpty()) {
              hangUps.add(callId);
            }
          }
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException | RuntimeException e) {
        log.warn("could not end session {} ({})", id, reason, e);
      }
    }
    for (String callId : hangUps) {
      try {
        provider.hangUp(callId);
      } catch (TelephonyException | RuntimeException e) {
        log.warn("could not hang up call {} after ending its session", callId, e);
      }
    }
    return ended;
  }

  /** Returns null when the session was no longer live, "" when it had no provider call. */
  private String endOne(Connection c, UUID id, String reason, boolean connectedCompletes)
      throws SQLException {
    UUID org;
    UUID task;
    String status;
    String callId;
    String answeredBy;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT organization_id, task_id, status, provider_call_id, answered_by FROM call_sessions"
                + " WHERE id = ? FOR NO KEY UPDATE")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        org = rs.getObject(1, UUID.class);
        task = rs.getObject(2, UUID.class);
        status = rs.getString(3);
        callId = rs.getString(4);
        answeredBy = rs.getString(5);
      }
    }
    if (CallTaskDispatcher.isTerminal(status)) {
      return null;
    }
    String to = connectedCompletes && "connected".equals(status) ? "completed" : "failed";
    Instant now = clock.instant();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE call_sessions SET status = ?, failure_reason = ?, ended_at = ?,"
                + " started_at = COALESCE(started_at, ?),"
                + " version = version + 1, updated_at = ? WHERE id = ?")) {
      ps.setString(1, to);
      ps.setString(2, reason);
      ps.setTimestamp(3, Timestamp.from(now));
      ps.setTimestamp(4, "connected".equals(status) ? Timestamp.from(now) : null);
      ps.setTimestamp(5, Timestamp.from(now));
      ps.setObject(6, id);
      ps.executeUpdate();
    }
    CallRecords.event(
        c,
        CallEvent.of(
            org, task, id, "session.status_changed", status, to, Json.object("reason", reason)),
        now);
    outcomes.ended(c, task, new AttemptEnd(id, to, answeredBy, reason, false));
    return callId == null ? "" : callId;
  }

  /** Live sessions carried by media node {@code nodeId}. */
  public List<UUID> liveOnNode(String nodeId) throws SQLException {
    List<UUID> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM call_sessions WHERE media_node = ?"
                    + " AND status IN ('initiated', 'ringing', 'connected')")) {
      ps.setString(1, nodeId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return out;
  }
}
