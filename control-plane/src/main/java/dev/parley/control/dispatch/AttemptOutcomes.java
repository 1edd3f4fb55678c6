package dev.parley.control.dispatch;

import dev.parley.control.event.CallEvent;
import dev.parley.control.infra.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a task on when one of its attempts is answered or ends, the same way whoever noticed it:
 * the dialer (the provider refused the call), a status callback, the loss of a media node, or the
 * watchdog. No answer, busy, failed and (when the owner's voicemail policy is to hang up) voicemail
 * schedule the next attempt with {@link RetryPolicy} until the task's max attempts; then the task
 * fails with its reason and a {@code call_failed} notification. A wrong number never retries.
 *
 * <p>Every task update is fenced on the version read under {@code FOR NO KEY UPDATE} (which, unlike
 * {@code FOR UPDATE}, does not block the foreign-key checks of event inserts), inside the caller's
 * transaction, and recorded as a call event.
 */
public final class AttemptOutcomes {
  private static final Logger log = LoggerFactory.getLogger(AttemptOutcomes.class);

  /** What happened to the task. */
  public enum Result {
    COMPLETED,
    RETRY_SCHEDULED,
    FAILED,
    /** The task is no longer live (cancelled, or already moved on): nothing changed. */
    NOT_LIVE
  }

  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final RandomGenerator random;

  public AttemptOutcomes(RetryPolicy retryPolicy, Clock clock, RandomGenerator random) {
    this.retryPolicy = retryPolicy;
    this.clock = clock;
    this.random = random;
  }

  /** The attempt was answered: a dialing task goes in_progress and lets go of any lease. */
  public boolean answered(Connection c, UUID taskId, UUID sessionId) throws SQLException {
    TaskRow t = lock(c, taskId);
    if (t == null || !"dialing".equals(t.status)) {
      return false;
    }
    Instant now = clock.instant();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE call_tasks SET status = 'in_progress', lease_owner = NULL, lease_expires_at = NULL,"
                + " version = version + 1, updated_at = ? WHERE id = ? AND version = ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setObject(2, taskId);
      ps.setLong(3, t.version);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    CallRecords.event(
        c,
        CallEvent.of(
            t.org, taskId, sessionId, "task.status_changed", "dialing", "in_progress", "{}"),
        now);
    return true;
  }

  /** The attempt ended: complete, reschedule or fail the task. */
  public Result ended(Connection c, UUID taskId, AttemptEnd end) throws SQLException {
    TaskRow t = lock(c, taskId);
    if (t == null || !("dialing".equals(t.status) || "in_progress".equals(t.status))) {
      return Result.NOT_LIVE;
    }
    Instant now = clock.instant();
    String outcome;
    boolean retryable;
    if (end.wrongNumber()) {
      outcome = "wrong_number";
      retryable = false;
    } else if (end.voicemail()) {
      outcome = "voicemail";
      retryable = "hang_up".equals(t.voicemailPolicy);
    } else {
      switch (end.sessionStatus()) {
        case "completed" -> {
          return finish(c, t, end, now, "completed", null, null);
        }
        case "no_answer" -> outcome = "no_answer";
        case "busy" -> outcome = "busy";
        default -> outcome = "error";
      }
      retryable = true;
    }
    String reason = end.reason() != null ? end.reason() : outcome;
    if (!retryable && "voicemail".equals(outcome)) {
      // The owner wants a message left on voicemail: that attempt delivered it.
      return finish(c, t, end, now, "completed", "voicemail", null);
    }
    if (retryable && t.autoRetry && t.attemptCount < t.maxAttempts) {
      Instant next = retryPolicy.nextAttempt(t.attemptCount, now, random);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE call_tasks SET status = 'scheduled', next_attempt_at = ?, failure_reason = ?,"
                  + " lease_owner = NULL, lease_expires_at = NULL, version = version + 1, updated_at = ?"
                  + " WHERE id = ? AND version = ?")) {
        ps.setTimestamp(1, Timestamp.from(next));
        ps.setString(2, reason);
        ps.setTimestamp(3, Timestamp.from(now));
        ps.setObject(4, t.id);
        ps.setLong(5, t.version);
        if (ps.executeUpdate() == 0) {
          return Result.NOT_LIVE;
        }
      }
      CallRecords.event(
          c,
          CallEvent.of(
              t.org,
              t.id,
              end.sessionId(),
              "retry_scheduled",
              t.status,
              "scheduled",
              Json.object(
                  "reason",
                  reason,
                  "outcome",
                  outcome,
                  "attempt",
                  t.attemptCount,
                  "next_attempt_at",
                  next.toString())),
          now);
      return Result.RETRY_SCHEDULED;
    }
    String why =
        retryable && t.attemptCount >= t.maxAttempts
            ? reason + " (after " + t.attemptCount + " attempts)"
            : reason;
    return finish(c, t, end, now, "failed", outcome, why);
  }

  /**
   * Fails a live task outright, for a reason that no retry fixes (a guard refusal, max attempts
   * already used), with a {@code call_failed} notification.
   */
  public Result fail(Connection c, UUID taskId, UUID sessionId, String outcome, String reason)
      throws SQLException {
    TaskRow t = lock(c, taskId);
    if (t == null || !("dialing".equals(t.status) || "in_progress".equals(t.status))) {
      return Result.NOT_LIVE;
    }
    return finish(
        c,
        t,
        new AttemptEnd(sessionId, "failed", null, reason, false),
        clock.instant(),
        "failed",
        outcome,
        reason);
  }

  private Result finish(
      Connection c,
      TaskRow t,
      AttemptEnd end,
      Instant now,
      String status,
      String outcome,
      String reason)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE call_tasks SET status = ?, outcome = COALESCE(?, outcome), failure_reason = ?,"
                + " lease_owner = NULL, lease_expires_at = NULL, next_attempt_at = NULL,"
                + " version = version + 1, updated_at = ? WHERE id = ? AND version = ?")) {
      ps.setString(1, status);
      ps.setString(2, outcome);
      ps.setString(3, reason);
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setObject(5, t.id);
      ps.setLong(6, t.version);
      if (ps.executeUpdate() == 0) {
        return Result.NOT_LIVE;
      }
    }
    CallRecords.event(
        c,
        CallEvent.of(
            t.org,
            t.id,
            end.sessionId(),
            "task.status_changed",
            t.status,
            status,
            Json.object("outcome", outcome, "reason", reason, "attempts", t.attemptCount)),
        now);
    if ("failed".equals(status)) {
      CallRecords.notifyOwner(
          c,
          t.id,
          "call_failed",
          Json.object("reason", reason, "outcome", outcome, "attempts", t.attemptCount),
          now);
      log.info("task {} failed after {} attempt(s): {}", t.id, t.attemptCount, reason);
      return Result.FAILED;
    }
    return Result.COMPLETED;
  }

  private static TaskRow lock(Connection c, UUID taskId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.id, t.organization_id, t.status, t.version, t.attempt_count, t.max_attempts,"
                + " COALESCE(s.auto_retry, true), COALESCE(s.voicemail_policy, 'hang_up')"
                + " FROM call_tasks t LEFT JOIN assistant_settings s ON s.user_id = t.owner_user_id"
                + " WHERE t.id = ? FOR NO KEY UPDATE OF t")) {
      ps.setObject(1, taskId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new TaskRow(
            rs.getObject(1, UUID.class),
            rs.getObject(2, UUID.class),
            rs.getString(3),
            rs.getLong(4),
            rs.getInt(5),
            rs.getInt(6),
            rs.getBoolean(7),
            rs.getString(8));
      }
    }
  }

  private record TaskRow(
      UUID id,
      UUID org,
      String status,
      long version,
      int attemptCount,
      int maxAttempts,
      boolean autoRetry,
      String voicemailPolicy) {}
}
