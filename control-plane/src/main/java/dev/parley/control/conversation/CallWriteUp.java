package dev.parley.control.conversation;

import dev.parley.agent.analysis.CallAnalysis;
import dev.parley.agent.analysis.ExtractedDatum;
import dev.parley.control.auth.Caller;
import dev.parley.control.dispatch.AttemptEnd;
import dev.parley.control.dispatch.AttemptOutcomes;
import dev.parley.control.dispatch.CallRecords;
import dev.parley.control.event.CallEvent;
import dev.parley.control.infra.Json;
import dev.parley.control.infra.SqlErrors;
import dev.parley.control.notification.NotificationService;
import dev.parley.control.notification.NotificationType;
import dev.parley.control.task.CallCostEstimator;
import dev.parley.control.task.CallTask;
import dev.parley.control.task.CallTaskCommands.FollowUp;
import dev.parley.control.task.CallTaskService;
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
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a finished call up: the analyst's summary, extracted data, goal achieved and follow-up;
 * the attempt's end, so the task completes, retries or fails by the same rules as every other end
 * (whichever of this and the provider's status callback comes first decides, the other finds the
 * task settled); the actual cost; and the owner's notifications (call_completed,
 * call_needs_followup with a pre-filled follow-up task). One transaction for the record, so a crash
 * leaves either all of it or none; it claims the session ({@code written_up_at}) first, so a call
 * is written up once whether by its own conversation or by the {@link WriteUpSweeper}.
 */
final class CallWriteUp {
  private static final Logger log = LoggerFactory.getLogger(CallWriteUp.class);

  private final DataSource dataSource;
  private final AttemptOutcomes outcomes;
  private final CallCostEstimator costs;
  private final Set<String> unbilled;
  private final CallTaskService tasks;
  private final NotificationService notifications;
  private final Json json;
  private final ConversationConfig config;
  private final Clock clock;

  CallWriteUp(
      DataSource dataSource,
      AttemptOutcomes outcomes,
      CallCostEstimator costs,
      Set<String> unbilled,
      CallTaskService tasks,
      NotificationService notifications,
      Json json,
      ConversationConfig config,
      Clock clock) {
    this.dataSource = dataSource;
    this.outcomes = outcomes;
    this.costs = costs;
    this.unbilled = Set.copyOf(unbilled);
    this.tasks = tasks;
    this.notifications = notifications;
    this.json = json;
    this.config = config;
    this.clock = clock;
  }

  /** The call's own write-up, as its conversation ends. */
  void writeUp(EndedCall c, SessionEnd end, List<ConversationObserver> observers) {
    if (!c.connected() && !answered(c.sessionId())) {
      // Nobody answered: the provider's status callback says busy or no answer, and decides. Or
      // the callback is late, and the write-up sweeper writes the call up once it arrives.
      return;
    }
    // A media failure is settled by the call recorder (end, then retry per policy).
    boolean mediaFailed =
        end.reason() == SessionEndReason.MEDIA_ERROR
            || end.reason() == SessionEndReason.NODE_SHUTDOWN
            || end.reason() == SessionEndReason.NO_STREAM;
    try {
      store(c, !mediaFailed, null, observers);
    } catch (SQLException | RuntimeException e) {
      log.error("call {}: the write-up could not be stored", c.sessionId(), e);
    }
  }

  /**
   * The write-up of a call found ended without one ({@link WriteUpSweeper}): its attempt was
   * settled by whoever ended the session, so only the record is written, with a {@code
   * call.write_up_swept} event carrying {@code why}. Whether this wrote it (false: the call's own
   * write-up, or another sweeper, got there first).
   */
  boolean writeUpSwept(EndedCall c, Map<String, Object> why, List<ConversationObserver> observers)
      throws SQLException {
    return store(c, false, why, observers);
  }

  /**
   * Analyses the call and stores the write-up unless the session was written up already; then
   * notifies the owner and the observers. Whether this stored it.
   */
  private boolean store(
      EndedCall c,
      boolean settleAttempt,
      Map<String, Object> swept,
      List<ConversationObserver> observers)
      throws SQLException {
    String reason = c.endReason();
    CallAnalysis analysis =
        c.brains().analyst().analyse(c.context().plan(), c.transcript(), c.hangUpReason());
    Duration length = callLength(c);
    // A model's cost is what its ledger measured, not a per-minute estimate.
    Map<String, java.math.BigDecimal> measured =
        unbilled.contains("llm") ? Map.of() : Map.of("llm", c.brains().ledger().cost());
    CallCostEstimator.Estimate cost = costs.actual(length, unbilled, measured);
    String status =
        SqlErrors.retryingConflicts(
            () -> record(c, analysis, reason, cost, length, settleAttempt, swept));
    if (status == null) {
      log.info("call {}: already written up; this write-up is dropped", c.sessionId());
      return false;
    }
    notifyOwner(c, analysis, status);
    observers.forEach(o -> o.ended(c.taskId(), c.sessionId(), reason, analysis));
    log.info(
        "call {} of task {} written up{}: {} (goal {}), task {}",
        c.sessionId(),
        c.taskId(),
        swept == null ? "" : " by the sweeper",
        analysis.outcome().wireName(),
        analysis.goalAchieved() ? "achieved" : "not achieved",
        status);
    return true;
  }

  /**
   * Stores the write-up in one transaction, which first claims the session by setting its {@code
   * written_up_at}: the task's status, or null (nothing stored) when the session was written up
   * already. The claim's row lock orders concurrent write-ups; the second finds the column set.
   */
  private String record(
      EndedCall c,
      CallAnalysis a,
      String reason,
      CallCostEstimator.Estimate cost,
      Duration length,
      boolean settleAttempt,
      Map<String, Object> swept)
      throws SQLException {
    Instant now = clock.instant();
    try (Connection conn = dataSource.getConnection()) {
      conn.setAutoCommit(false);
      try {
        // Session before task, the order every other writer takes them in.
        try (PreparedStatement claim =
            conn.prepareStatement(
                "UPDATE call_sessions SET written_up_at = ? WHERE id = ? AND written_up_at IS NULL")) {
          claim.setTimestamp(1, Timestamp.from(now));
          claim.setObject(2, c.sessionId());
          if (claim.executeUpdate() == 0) {
            conn.rollback();
            return null;
          }
        }
        if (settleAttempt) {
          outcomes.ended(conn, c.taskId(), AttemptEnd.afterHangUp(c.sessionId(), c.endReason()));
        }
        String status = statusOf(conn, c.taskId());
        boolean settled = "completed".equals(status) || "failed".equals(status);
        String breakdown = json.write(cost.breakdown());
        String taskBreakdown = json.write(Map.of("actual", addedTo(conn, c.taskId(), cost)));
        try (PreparedStatement ps =
            conn.prepareStatement(
                "UPDATE call_tasks SET summary = ?,"
                    + " actual_cost = COALESCE(actual_cost, 0) + ?,"
                    + " cost_breakdown = COALESCE(cost_breakdown, '{}'::jsonb) || ?::jsonb,"
                    + " outcome = CASE WHEN ? THEN ? ELSE outcome END,"
                    + " goal_achieved = CASE WHEN ? THEN ? ELSE goal_achieved END,"
                    + " follow_up_required = CASE WHEN ? THEN ? ELSE follow_up_required END,"
                    + " version = version + 1, updated_at = ? WHERE id = ?")) {
          ps.setString(1, a.summary());
          ps.setBigDecimal(2, cost.total());
          ps.setString(3, taskBreakdown);
          ps.setBoolean(4, settled);
          ps.setString(5, taskOutcome(a));
          ps.setBoolean(6, settled);
          ps.setBoolean(7, a.goalAchieved());
          ps.setBoolean(8, settled);
          ps.setBoolean(9, a.followUpRequired());
          ps.setTimestamp(10, Timestamp.from(now));
          ps.setObject(11, c.taskId());
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            conn.prepareStatement(
                "UPDATE call_sessions SET cost_breakdown = ?::jsonb WHERE id = ?")) {
          ps.setString(1, breakdown);
          ps.setObject(2, c.sessionId());
          ps.executeUpdate();
        }
        insertData(conn, c, a.data(), now);
        CallRecords.event(
            conn,
            CallEvent.of(
                c.organizationId(),
                c.taskId(),
                c.sessionId(),
                "call.analysed",
                null,
                null,
                json.write(
                    ordered(
                        "hang_up_reason", reason,
                        "outcome", a.outcome().wireName(),
                        "goal_achieved", a.goalAchieved(),
                        "follow_up_required", a.followUpRequired(),
                        "summary", a.summary(),
                        "call_seconds", length.toSeconds(),
                        "cost", cost.total()))),
            now);
        if (swept != null) {
          CallRecords.event(
              conn,
              CallEvent.of(
                  c.organizationId(),
                  c.taskId(),
                  c.sessionId(),
                  "call.write_up_swept",
                  null,
                  null,
                  json.write(swept)),
              now);
        }
        conn.commit();
        return status;
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      }
    }
  }

  private void insertData(Connection conn, EndedCall c, List<ExtractedDatum> data, Instant now)
      throws SQLException {
    if (data.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO extracted_data (id, organization_id, task_id, session_id, key, value,"
                + " value_type, raw_fragment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (ExtractedDatum d : data) {
        ps.setObject(1, UUID.randomUUID());
        ps.setObject(2, c.organizationId());
        ps.setObject(3, c.taskId());
        ps.setObject(4, c.sessionId());
        ps.setString(5, d.key());
        ps.setString(6, d.value());
        ps.setString(7, d.type().wireName());
        ps.setString(8, d.raw());
        ps.setTimestamp(9, Timestamp.from(now));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void notifyOwner(EndedCall c, CallAnalysis a, String status) {
    CallTask task = c.context().task();
    try {
      UUID followUpId = null;
      if (a.followUpRequired() && ("completed".equals(status) || "failed".equals(status))) {
        followUpId = createFollowUp(c, a);
        Map<String, Object> payload =
            ordered(
                "taskId", c.taskId().toString(),
                "summary", a.summary(),
                "instruction", a.followUpInstruction() == null ? "" : a.followUpInstruction());
        if (followUpId != null) {
          payload.put("followUpTaskId", followUpId.toString());
        }
        notifications.notify(
            c.organizationId(),
            task.getOwnerUserId(),
            c.taskId(),
            NotificationType.CALL_NEEDS_FOLLOWUP,
            payload);
      }
      if ("completed".equals(status)) {
        Map<String, Object> data = new LinkedHashMap<>();
        a.data().forEach(d -> data.put(d.key(), d.value()));
        notifications.notify(
            c.organizationId(),
            task.getOwnerUserId(),
            c.taskId(),
            NotificationType.CALL_COMPLETED,
            ordered(
                "taskId", c.taskId().toString(),
                "summary", a.summary(),
                "goalAchieved", a.goalAchieved(),
                "outcome", taskOutcome(a),
                "data", data));
      }
    } catch (RuntimeException e) {
      log.error("call {}: owner notifications failed", c.sessionId(), e);
    }
  }

  /** A follow-up task with the analyst's instruction, scheduled after the configured delay. */
  private UUID createFollowUp(EndedCall c, CallAnalysis a) {
    if (a.followUpInstruction() == null || a.followUpInstruction().isBlank()) {
      return null;
    }
    Caller owner =
        new Caller(c.context().owner().id(), c.organizationId(), c.context().owner().role());
    try {
      CallTask followUp =
          tasks.followUp(
              owner,
              c.taskId(),
              new FollowUp(
                  a.followUpInstruction(),
                  clock.instant().plus(config.followUpDelay()).atOffset(ZoneOffset.UTC)));
      return followUp.getId();
    } catch (RuntimeException e) {
      log.warn("call {}: follow-up task not created: {}", c.sessionId(), e.getMessage());
      return null;
    }
  }

  /**
   * The task's outcome column for an analysis: what the call ran into when it was not a
   * conversation (voicemail, wrong number, an opt-out, the owner's refusal), else whether the goal
   * was met. {@code goal_achieved} (the boolean) is stored beside it, so a reminder left on
   * voicemail is outcome {@code voicemail} with its goal achieved.
   */
  static String taskOutcome(CallAnalysis a) {
    return switch (a.outcome()) {
      case VOICEMAIL -> "voicemail";
      case NO_ANSWER -> "no_answer";
      case WRONG_NUMBER -> "wrong_number";
      case OPTED_OUT, DECLINED_BY_OWNER -> "declined";
      default -> a.goalAchieved() ? "goal_achieved" : "not_achieved";
    };
  }

  /** The task's actual cost so far (earlier attempts) plus this attempt's, part by part. */
  private Map<String, java.math.BigDecimal> addedTo(
      Connection conn, UUID taskId, CallCostEstimator.Estimate cost) throws SQLException {
    Map<String, java.math.BigDecimal> sum = new LinkedHashMap<>(cost.breakdown());
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT key, value::text FROM call_tasks, jsonb_each(cost_breakdown->'actual')"
                + " WHERE id = ? AND jsonb_typeof(cost_breakdown->'actual') = 'object'")) {
      ps.setObject(1, taskId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          try {
            sum.merge(
                rs.getString(1),
                new java.math.BigDecimal(rs.getString(2)),
                java.math.BigDecimal::add);
          } catch (NumberFormatException notANumber) {
            // Not a cost figure; leave it out of the sum.
          }
        }
      }
    }
    return sum;
  }

  /**
   * Whether the provider has reported the session answered, for a call the node never streamed
   * (answered, then hung up before Twilio's Media Stream connected): the status callback completes
   * such a task, and a completed task is written up like any other. A callback still on its way
   * when the node gives up on the stream (three minutes after the dial) is not seen here; the
   * {@link WriteUpSweeper} writes such a call up once the callback has completed its session.
   */
  private boolean answered(UUID sessionId) {
    try (Connection conn = dataSource.getConnection();
        PreparedStatement ps =
            conn.prepareStatement(
                "SELECT 1 FROM call_sessions WHERE id = ? AND status IN ('connected', 'completed')")) {
      ps.setObject(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      log.warn("call {}: could not read whether it was answered", sessionId, e);
      return false;
    }
  }

  private static String statusOf(Connection conn, UUID taskId) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT status FROM call_tasks WHERE id = ?")) {
      ps.setObject(1, taskId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : "unknown";
      }
    }
  }

  private static Duration callLength(EndedCall c) {
    return c.transcript().stream()
        .map(s -> Duration.between(c.transcript().get(0).start(), s.end()))
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
