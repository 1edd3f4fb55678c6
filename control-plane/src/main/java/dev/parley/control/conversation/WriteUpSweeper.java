package dev.parley.control.conversation;

import dev.parley.agent.analysis.TranscriptSegment;
import dev.parley.control.dispatch.PeriodicSweep;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes up the calls that ended without a write-up: a session that ended answered ({@code
 * completed}) or holds transcript segments, and has no {@code written_up_at} a grace period after
 * it ended. The hole it closes: the provider's answered callback arriving only after the media node
 * gave up waiting for the stream, so the conversation's own write-up took the call for unanswered;
 * likewise a write-up that failed to store, or an instance that died before writing.
 *
 * <p>Exactly once, with any number of instances: a sweep leases due sessions in one statement
 * ({@code FOR UPDATE SKIP LOCKED}, {@code write_up_claimed_until}), so instances do not analyse the
 * same call twice; and the write-up itself claims the session by setting {@code written_up_at} in
 * the transaction that stores it, so a late write-up by the call's own conversation and the sweeper
 * never both write ({@link CallWriteUp}). Each sweep is guarded, logged and counted; the loop never
 * dies.
 */
public final class WriteUpSweeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WriteUpSweeper.class);

  private static final String CLAIM =
      "UPDATE call_sessions s SET write_up_claimed_until = ?"
          + " FROM call_tasks t"
          + " WHERE t.id = s.task_id AND s.id IN ("
          + "   SELECT c.id FROM call_sessions c WHERE c.written_up_at IS NULL"
          + "   AND c.ended_at IS NOT NULL AND c.ended_at < ? AND c.ended_at > ?"
          + "   AND (c.write_up_claimed_until IS NULL OR c.write_up_claimed_until < ?)"
          + "   AND (c.status = 'completed' OR EXISTS (SELECT 1 FROM transcripts tr"
          + "     JOIN transcript_segments g ON g.transcript_id = tr.id WHERE tr.session_id = c.id))"
          + "   ORDER BY c.ended_at LIMIT ? FOR UPDATE OF c SKIP LOCKED)"
          + " RETURNING s.id, s.task_id, s.organization_id, t.kind, s.from_phone, s.hang_up_reason,"
          + " s.status, s.ended_at";

  /**
   * A session found ended without a write-up.
   *
   * @param from the caller's number, for an inbound call
   * @param hangUpReason why our side ended the call, or null
   */
  record Unwritten(
      UUID sessionId,
      UUID taskId,
      UUID organizationId,
      boolean inbound,
      String from,
      String hangUpReason,
      String status,
      Instant endedAt) {}

  private final DataSource dataSource;
  private final Conversations conversations;
  private final WriteUpSweeperConfig config;
  private final Clock clock;
  private final LongAdder sweeps = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final PeriodicSweep loop;

  WriteUpSweeper(
      DataSource dataSource,
      Conversations conversations,
      WriteUpSweeperConfig config,
      Clock clock) {
    this.dataSource = dataSource;
    this.conversations = conversations;
    this.config = config;
    this.clock = clock;
    this.loop =
        new PeriodicSweep("write-up-sweeper", config.interval(), this::sweep, failures::increment);
  }

  /** Starts sweeping every interval. */
  public void start() {
    loop.start();
  }

  /** One sweep: how many calls it wrote up. */
  public int sweep() throws SQLException {
    sweeps.increment();
    int n = 0;
    for (Unwritten u : claim()) {
      List<TranscriptSegment> transcript;
      try {
        transcript = transcript(u.sessionId());
      } catch (SQLException e) {
        failures.increment();
        log.warn("call {}: the sweeper could not read its transcript", u.sessionId(), e);
        continue;
      }
      Map<String, Object> why = new LinkedHashMap<>();
      why.put(
          "reason",
          "completed".equals(u.status())
              ? "session ended answered with no write-up"
              : "session ended " + u.status() + " with transcript segments and no write-up");
      why.put("session_status", u.status());
      why.put("ended_at", u.endedAt().toString());
      why.put("grace_seconds", config.grace().toSeconds());
      why.put("segments", transcript.size());
      try {
        if (conversations.writeUpUnwritten(u, transcript, why)) {
          n++;
          written.increment();
          log.warn(
              "call {} of task {}: written up by the sweeper ({})",
              u.sessionId(),
              u.taskId(),
              why.get("reason"));
        }
      } catch (SQLException | RuntimeException e) {
        // Left claimed: tried again once the lease runs out, until the look-back passes it by.
        failures.increment();
        log.warn("call {}: the sweeper could not write it up", u.sessionId(), e);
      }
    }
    return n;
  }

  private List<Unwritten> claim() throws SQLException {
    Instant now = clock.instant();
    List<Unwritten> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(CLAIM)) {
      ps.setTimestamp(1, Timestamp.from(now.plus(config.lease())));
      ps.setTimestamp(2, Timestamp.from(now.minus(config.grace())));
      ps.setTimestamp(3, Timestamp.from(now.minus(config.lookBack())));
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setInt(5, config.batch());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Unwritten(
                  rs.getObject(1, UUID.class),
                  rs.getObject(2, UUID.class),
                  rs.getObject(3, UUID.class),
                  "inbound".equals(rs.getString(4)),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getTimestamp(8).toInstant()));
        }
      }
    }
    return out;
  }

  /**
   * A session's stored transcript, both sides, on the stream's clock from when the call was
   * answered (its end, for a call never known to be answered).
   */
  private List<TranscriptSegment> transcript(UUID sessionId) throws SQLException {
    List<TranscriptSegment> transcript = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT g.speaker, g.text, g.start_ms, g.end_ms, g.interrupted,"
                    + " COALESCE(s.started_at, s.ended_at)"
                    + " FROM call_sessions s JOIN transcripts tr ON tr.session_id = s.id"
                    + " JOIN transcript_segments g ON g.transcript_id = tr.id"
                    + " WHERE s.id = ? AND g.speaker IN ('assistant', 'human') ORDER BY g.seq")) {
      ps.setObject(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant origin = rs.getTimestamp(6).toInstant();
          transcript.add(
              new TranscriptSegment(
                  "human".equals(rs.getString(1))
                      ? TranscriptSegment.Speaker.CALLEE
                      : TranscriptSegment.Speaker.AGENT,
                  rs.getString(2),
                  origin.plusMillis(rs.getInt(3)),
                  origin.plusMillis(rs.getInt(4)),
                  rs.getBoolean(5)));
        }
      }
    }
    return transcript;
  }

  /** Sweeps run, calls written up, failures (sweeps or single write-ups). */
  public long[] counters() {
    return new long[] {sweeps.sum(), written.sum(), failures.sum()};
  }

  @Override
  public void close() {
    loop.close();
  }
}
