package dev.parley.control.medialink;

import dev.parley.control.dispatch.CallRecords;
import dev.parley.control.dispatch.SessionEnder;
import dev.parley.control.event.CallEvent;
import dev.parley.control.infra.Json;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists what media nodes report that belongs to the record: SESSION_END and CALL_STATS as call
 * events, and every call message as evidence of life for the watchdog (at most one write per call
 * every few seconds). A session the node could not serve is ended and retried per policy, and a
 * lost node's calls are ended the same way. Database work runs on its own thread, never on the
 * link's event loop.
 */
public final class MediaCallRecorder implements MediaEventListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MediaCallRecorder.class);
  private static final Duration TOUCH_EVERY = Duration.ofSeconds(5);

  private final DataSource dataSource;
  private final SessionEnder ender;
  private final Clock clock;
  private final ExecutorService worker;
  private final Map<UUID, Instant> lastTouch = new ConcurrentHashMap<>();
  private final LongAdder failures = new LongAdder();

  public MediaCallRecorder(DataSource dataSource, SessionEnder ender, Clock clock) {
    this.dataSource = dataSource;
    this.ender = ender;
    this.clock = clock;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "media-call-recorder");
              t.setDaemon(true);
              return t;
            });
  }

  /** Writes that failed (logged, counted, not retried). */
  public long failures() {
    return failures.sum();
  }

  @Override
  public void onMediaEvent(String nodeId, ProtocolMessage message) {
    UUID call = message.callId();
    Instant now = clock.instant();
    boolean persist = message instanceof SessionEnd || message instanceof CallStats;
    Instant last = lastTouch.get(call);
    if (!persist && last != null && last.plus(TOUCH_EVERY).isAfter(now)) {
      return;
    }
    lastTouch.put(call, now);
    worker.execute(
        () -> {
          try {
            dev.parley.control.infra.SqlErrors.retryingConflicts(
                () -> {
                  record(nodeId, message, now);
                  return null;
                });
          } catch (Exception e) {
            failures.increment();
            log.warn("could not record {} of call {}", message.type(), call, e);
          }
        });
  }

  private void record(String nodeId, ProtocolMessage message, Instant now) throws SQLException {
    UUID call = message.callId();
    UUID[] ids;
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE call_sessions SET last_activity_at = ? WHERE id = ? RETURNING organization_id, task_id")) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setObject(2, call);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return; // not a call of ours
          }
          ids = new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)};
        }
      }
      if (message instanceof SessionEnd end) {
        CallRecords.event(
            c,
            CallEvent.of(
                ids[0],
                ids[1],
                call,
                "media.session_end",
                null,
                null,
                Json.object("node", nodeId, "reason", end.reason().name(), "text", end.text())),
            now);
      } else if (message instanceof CallStats s) {
        CallRecords.event(
            c,
            CallEvent.of(
                ids[0],
                ids[1],
                call,
                "media.call_stats",
                null,
                null,
                Json.object(
                    "node",
                    nodeId,
                    "frames_in",
                    s.framesIn(),
                    "frames_out",
                    s.framesOut(),
                    "bytes_in",
                    s.bytesIn(),
                    "bytes_out",
                    s.bytesOut(),
                    "dropped_frames",
                    s.droppedFrames(),
                    "barge_ins",
                    s.bargeIns(),
                    "playout_gaps",
                    s.playoutGaps(),
                    "max_inbound_nanos",
                    s.maxInboundNanos(),
                    "mean_inbound_nanos",
                    s.meanInboundNanos())),
            now);
      }
    }
    if (message instanceof SessionEnd end) {
      lastTouch.remove(call);
      SessionEndReason r = end.reason();
      if (r == SessionEndReason.MEDIA_ERROR
          || r == SessionEndReason.NO_STREAM
          || r == SessionEndReason.NODE_SHUTDOWN) {
        // The node could not carry the call: end it here rather than leave a silent line up.
        ender.end(
            List.of(call),
            "media: "
                + r.name().toLowerCase()
                + (end.text().isEmpty() ? "" : " (" + end.text() + ")"),
            false);
      }
    }
  }

  /** Ends the calls of a lost node (its in-memory calls plus any the record puts on it). */
  public void nodeLost(String nodeId, Collection<UUID> knownCalls) {
    worker.execute(
        () -> {
          try {
            java.util.Set<UUID> all = new java.util.LinkedHashSet<>(knownCalls);
            all.addAll(ender.liveOnNode(nodeId));
            int n = ender.end(List.copyOf(all), "media node " + nodeId + " lost", false);
            log.warn("media node {} lost: {} call(s) ended", nodeId, n);
          } catch (Exception e) {
            failures.increment();
            log.error("ending the calls of lost media node {} failed", nodeId, e);
          }
        });
  }

  @Override
  public void close() {
    worker.shutdown();
    try {
      worker.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
