package dev.parley.control.telephony;

import com.twilio.security.RequestValidator;
import dev.parley.control.dispatch.AttemptEnd;
import dev.parley.control.dispatch.AttemptOutcomes;
import dev.parley.control.dispatch.CallRecords;
import dev.parley.control.dispatch.DialPreparation;
import dev.parley.control.event.CallEvent;
import dev.parley.control.infra.Json;
import dev.parley.control.infra.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Twilio calls us for, behind one signature check: the TwiML of an answered outbound
 * call, status callbacks, and incoming calls. Framework-free; {@code TwilioWebhookController} only
 * adapts HTTP to {@link #handle}.
 *
 * <p>The signature is checked against the URL Twilio used ({@code PARLEY_PUBLIC_BASE_URL} + path +
 * query), never the URL this process saw, so it holds behind a proxy. A request that fails it gets
 * 403 before anything is read from the database.
 *
 * <p>Status callbacks are deduplicated by a {@code webhook_receipts} row (call, status, sequence
 * number) and ordered by status rank under a row lock on the session, so any number of duplicated
 * and reordered callbacks complete each call exactly once.
 */
public final class TwilioWebhooks {
  private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
  private static final Pattern VOICE = Pattern.compile("/twilio/voice/([0-9a-fA-F-]{36})");
  private static final Pattern STATUS = Pattern.compile("/twilio/status(?:/([0-9a-fA-F-]{36}))?");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  // Twilio error codes on a failed call that mean the number is bad, not the moment.
  private static final Set<String> WRONG_NUMBER_ERRORS =
      Set.of("13223", "13224", "21211", "21214", "21217");

  private final TelephonyConfig config;
  private final RequestValidator validator;
  private final DataSource dataSource;
  private final AttemptOutcomes outcomes;
  private final DialPreparation preparation;
  private final MediaRouter router;
  private final TelephonyProvider provider;
  private final Clock clock;
  private final UUID inboundUserId;
  private final LongAdder rejectedSignatures = new LongAdder();
  private final LongAdder duplicateCallbacks = new LongAdder();
  private final LongAdder staleCallbacks = new LongAdder();

  public TwilioWebhooks(
      TelephonyConfig config,
      DataSource dataSource,
      AttemptOutcomes outcomes,
      DialPreparation preparation,
      MediaRouter router,
      TelephonyProvider provider,
      Clock clock,
      UUID inboundUserId) {
    this.config = config;
    this.validator = new RequestValidator(config.authToken());
    this.dataSource = dataSource;
    this.outcomes = outcomes;
    this.preparation = preparation;
    this.router = router;
    this.provider = provider;
    this.clock = clock;
    this.inboundUserId = inboundUserId;
  }

  /** Requests refused for a missing or wrong signature. */
  public long rejectedSignatures() {
    return rejectedSignatures.sum();
  }

  /** Status callbacks dropped as exact repeats. */
  public long duplicateCallbacks() {
    return duplicateCallbacks.sum();
  }

  /** Status callbacks that arrived after a later state and changed nothing. */
  public long staleCallbacks() {
    return staleCallbacks.sum();
  }

  /**
   * Handles one webhook request. {@code path} is the request path, {@code rawQuery} its raw query
   * string or null, {@code params} the form parameters, {@code signature} the {@code
   * X-Twilio-Signature} header or null.
   */
  public WebhookResponse handle(
      String path, String rawQuery, Map<String, String> params, String signature)
      throws SQLException {
    String url =
        config.publicUrl(path) + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    if (signature == null || signature.isEmpty() || !validator.validate(url, params, signature)) {
      rejectedSignatures.increment();
      log.warn(
          "refused Twilio webhook {} with a {} signature",
          path,
          signature == null ? "missing" : "bad");
      return WebhookResponse.forbidden();
    }
    // A deadlock with the dispatcher or the conversation's write-up is rolled back whole; the
    // callback is then applied again rather than answered with a 500.
    return SqlErrors.retryingConflicts(() -> route(path, params));
  }

  private WebhookResponse route(String path, Map<String, String> params) throws SQLException {
    Matcher m = VOICE.matcher(path);
    if (m.matches()) {
      return voice(UUID.fromString(m.group(1)), params);
    }
    m = STATUS.matcher(path);
    if (m.matches()) {
      return status(m.group(1) == null ? null : UUID.fromString(m.group(1)), params);
    }
    if ("/twilio/inbound".equals(path)) {
      return inbound(params);
    }
    return WebhookResponse.notFound();
  }

  // --- status callbacks ------------------------------------------------------------------------

  private WebhookResponse status(UUID sessionId, Map<String, String> p) throws SQLException {
    String callSid = p.get("CallSid");
    CallbackStatus cs = CallbackStatus.fromTwilio(p.get("CallStatus"));
    if (callSid == null || cs == null) {
      return new WebhookResponse(400, "text/plain", "CallSid and a known CallStatus are required");
    }
    int seq = parseInt(p.get("SequenceNumber"), -1);
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!receipt(c, callSid + "|" + cs.twilio + "|" + seq, now)) {
          duplicateCallbacks.increment();
          c.commit();
          return WebhookResponse.empty();
        }
        SessionRow s = lockSession(c, sessionId, callSid);
        if (s == null) {
          log.info("status callback for unknown call {} ({})", callSid, cs.twilio);
          c.commit();
          return WebhookResponse.empty();
        }
        String orphan = applyStatus(c, s, cs, seq, p, now);
        c.commit();
        if (orphan != null) {
          try {
            provider.hangUp(orphan);
          } catch (TelephonyException e) {
            log.warn("could not hang up orphan call {}", orphan, e);
          }
        }
        return WebhookResponse.empty();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Applies one new callback; returns a provider call id to hang up after commit, or null. */
  private String applyStatus(
      Connection c, SessionRow s, CallbackStatus cs, int seq, Map<String, String> p, Instant now)
      throws SQLException {
    String answeredBy = CallbackStatus.answeredBy(p.get("AnsweredBy"));
    Integer duration =
        p.containsKey("CallDuration") ? Integer.valueOf(parseInt(p.get("CallDuration"), 0)) : null;
    // Facts that arrive on any callback are kept even when its status is stale.
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE call_sessions SET provider_call_id = COALESCE(provider_call_id, ?),"
                + " answered_by = COALESCE(answered_by, ?), duration_seconds = COALESCE(duration_seconds, ?),"
                + " last_callback_sequence = GREATEST(last_callback_sequence, ?), last_activity_at = ?,"
                + " version = version + 1, updated_at = ? WHERE id = ? AND version = ?")) {
      ps.setString(1, s.cancelled() ? null : p.get("CallSid"));
      ps.setString(2, answeredBy);
      ps.setObject(3, duration);
      ps.setInt(4, seq);
      ps.setTimestamp(5, Timestamp.from(now));
      ps.setTimestamp(6, Timestamp.from(now));
      ps.setObject(7, s.id);
      ps.setLong(8, s.version);
      ps.executeUpdate();
    }
    if (CallbackStatus.rankOf(s.status) >= 3 || cs.rank <= CallbackStatus.rankOf(s.status)) {
      staleCallbacks.increment();
      if (s.cancelled() && cs.rank < 3) {
        // An attempt this service gave up on is alive after all: end it rather than let it talk.
        log.warn("call {} of abandoned session {} is live; hanging up", p.get("CallSid"), s.id);
        return p.get("CallSid");
      }
      return null;
    }
    Timestamp ts = Timestamp.from(now);
    String sql =
        cs.terminal()
            ? "UPDATE call_sessions SET status = ?, ended_at = ?,"
                + " started_at = CASE WHEN started_at IS NULL AND duration_seconds IS NOT NULL"
                + "   THEN ?::timestamptz - make_interval(secs => duration_seconds) ELSE started_at END,"
                + " failure_reason = COALESCE(failure_reason, ?), version = version + 1, updated_at = ?"
                + " WHERE id = ?"
            : "UPDATE call_sessions SET status = ?, started_at = CASE WHEN ? = 'connected' THEN ? ELSE started_at END,"
                + " version = version + 1, updated_at = ? WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, cs.session);
      if (cs.terminal()) {
        ps.setTimestamp(2, ts);
        ps.setTimestamp(3, ts);
        ps.setString(4, failureReason(cs, p));
        ps.setTimestamp(5, ts);
        ps.setObject(6, s.id);
      } else {
        ps.setString(2, cs.session);
        ps.setTimestamp(3, ts);
        ps.setTimestamp(4, ts);
        ps.setObject(5, s.id);
      }
      ps.executeUpdate();
    }
    CallRecords.event(
        c,
        CallEvent.of(
            s.org,
            s.taskId,
            s.id,
            "session.status_changed",
            s.status,
            cs.session,
            Json.object(
                "provider_call_id",
                p.get("CallSid"),
                "sequence",
                seq,
                "answered_by",
                answeredBy,
                "duration_seconds",
                duration)),
        now);
    if (cs == CallbackStatus.IN_PROGRESS) {
      outcomes.answered(c, s.taskId, s.id);
    } else if (cs.terminal()) {
      String effectiveAnsweredBy = answeredBy != null ? answeredBy : s.answeredBy;
      boolean wrongNumber =
          cs == CallbackStatus.FAILED && WRONG_NUMBER_ERRORS.contains(p.get("ErrorCode"));
      AttemptEnd end =
          cs == CallbackStatus.COMPLETED && s.hangUpReason() != null
              // The agent ended the call and said why (a wrong number, a voicemail, ...).
              ? AttemptEnd.afterHangUp(s.id, s.hangUpReason())
              : new AttemptEnd(
                  s.id, cs.session, effectiveAnsweredBy, failureReason(cs, p), wrongNumber);
      outcomes.ended(c, s.taskId, end);
    }
    return null;
  }

  private static String failureReason(CallbackStatus cs, Map<String, String> p) {
    return switch (cs) {
      case FAILED ->
          "provider reported failed"
              + (p.get("ErrorCode") != null ? " (error " + p.get("ErrorCode") + ")" : "");
      case BUSY -> "busy";
      case NO_ANSWER -> "no answer";
      case CANCELED -> "cancelled";
      default -> null;
    };
  }

  // --- TwiML for an answered outbound call
  // ---------------------------------------------------------

  private WebhookResponse voice(UUID sessionId, Map<String, String> p) throws SQLException {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        SessionRow s = lockSession(c, sessionId, null);
        if (s == null || CallbackStatus.rankOf(s.status) >= 3) {
          c.commit();
          return WebhookResponse.twiml(Twiml.hangUp());
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE call_sessions SET provider_call_id = COALESCE(provider_call_id, ?),"
                    + " answered_by = COALESCE(answered_by, ?), last_activity_at = ?, version = version + 1"
                    + " WHERE id = ?")) {
          ps.setString(1, p.get("CallSid"));
          ps.setString(2, CallbackStatus.answeredBy(p.get("AnsweredBy")));
          ps.setTimestamp(3, Timestamp.from(now));
          ps.setObject(4, s.id);
          ps.executeUpdate();
        }
        Optional<MediaRouter.MediaRoute> route = router.route(s.mediaNode);
        if (route.isEmpty()) {
          endWithoutMedia(c, s, now);
          c.commit();
          return WebhookResponse.twiml(Twiml.unavailable());
        }
        String from = s.fromPhone != null ? s.fromPhone : config.callerId();
        String xml = stream(route.get(), s.id, "outbound", from, s.toPhone, now);
        c.commit();
        return WebhookResponse.twiml(xml);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private String stream(
      MediaRouter.MediaRoute route,
      UUID sessionId,
      String direction,
      String from,
      String to,
      Instant now) {
    String callId = sessionId.toString();
    String token =
        StreamTokens.mint(config.streamSecret(), callId, now.plus(config.streamTokenTtl()));
    return Twiml.connectStream(
        route.streamBaseUrl(), new Twiml.StreamParameters(callId, token, direction, from, to));
  }

  private void endWithoutMedia(Connection c, SessionRow s, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE call_sessions SET status = 'failed', failure_reason = 'no media node available', ended_at = ?,"
                + " version = version + 1, updated_at = ? WHERE id = ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setObject(3, s.id);
      ps.executeUpdate();
    }
    CallRecords.event(
        c,
        CallEvent.of(
            s.org,
            s.taskId,
            s.id,
            "session.status_changed",
            s.status,
            "failed",
            Json.object("reason", "no media node available")),
        now);
    outcomes.ended(
        c, s.taskId, new AttemptEnd(s.id, "failed", null, "no media node available", false));
  }

  // --- inbound calls ---------------------------------------------------------------------------

  private WebhookResponse inbound(Map<String, String> p) throws SQLException {
    String callSid = p.get("CallSid");
    String from = p.get("From");
    String to = p.get("To");
    if (callSid == null) {
      return new WebhookResponse(400, "text/plain", "CallSid is required");
    }
    Instant now = clock.instant();
    UUID sessionId;
    UUID taskId;
    UUID org;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!receipt(c, "inbound|" + callSid, now)) {
          // Twilio retried the webhook: answer the session we already made.
          SessionRow s = lockSession(c, null, callSid);
          c.commit();
          if (s == null) {
            return WebhookResponse.twiml(Twiml.hangUp());
          }
          return routeInbound(s.id, s.taskId, s.org, s.mediaNode, from, to, now);
        }
        if (from == null || !E164.matcher(from).matches()) {
          c.commit();
          log.info("inbound call {} from an unusable number '{}' refused", callSid, from);
          return WebhookResponse.twiml(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Reject/></Response>");
        }
        UUID[] owner = inboundOwner(c, to);
        if (owner == null) {
          c.commit();
          log.warn("inbound call {} to {}: no user takes inbound calls", callSid, to);
          return WebhookResponse.twiml(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Reject/></Response>");
        }
        org = owner[0];
        UUID contact = contactFor(c, org, from);
        taskId = UUID.randomUUID();
        sessionId = UUID.randomUUID();
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO call_tasks (id, organization_id, owner_user_id, title, raw_instruction, kind, status,"
                    + " contact_id, target_phone, tone, attempt_count, max_attempts, last_attempt_at, created_at, updated_at)"
                    + " SELECT ?, ?, ?, ?, 'Answer the inbound call as the receptionist', 'inbound', 'in_progress', ?, ?,"
                    + " u.default_tone, 1, 1, ?, ?, ? FROM users u WHERE u.id = ?")) {
          ps.setObject(1, taskId);
          ps.setObject(2, org);
          ps.setObject(3, owner[1]);
          ps.setString(4, "Inbound call from " + from);
          ps.setObject(5, contact);
          ps.setString(6, from);
          Timestamp ts = Timestamp.from(now);
          ps.setTimestamp(7, ts);
          ps.setTimestamp(8, ts);
          ps.setTimestamp(9, ts);
          ps.setObject(10, owner[1]);
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO call_sessions (id, organization_id, task_id, attempt_number, provider_call_id,"
                    + " idempotency_token, status, direction, from_phone, to_phone, started_at, last_activity_at,"
                    + " created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, 'connected', 'inbound', ?, ?, ?, ?, ?, ?)")) {
          Timestamp ts = Timestamp.from(now);
          ps.setObject(1, sessionId);
          ps.setObject(2, org);
          ps.setObject(3, taskId);
          ps.setString(4, callSid);
          ps.setString(5, "inbound-" + callSid);
          ps.setString(6, from);
          ps.setString(7, to);
          ps.setTimestamp(8, ts);
          ps.setTimestamp(9, ts);
          ps.setTimestamp(10, ts);
          ps.setTimestamp(11, ts);
          ps.executeUpdate();
        }
        CallRecords.event(
            c,
            CallEvent.of(
                org,
                taskId,
                sessionId,
                "inbound.answered",
                null,
                "in_progress",
                Json.object(
                    "from", from, "to", to, "contact_id", contact, "provider_call_id", callSid)),
            now);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        if ("23505".equals(e.getSQLState())) {
          // Another live task for this caller in this organisation (one active call per number).
          log.warn(
              "inbound call {} from {} refused: the number already has a live task", callSid, from);
          return WebhookResponse.twiml(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Reject reason=\"busy\"/></Response>");
        }
        throw e;
      } catch (RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    String node = null;
    try {
      node =
          preparation.prepare(
              new DialPreparation.PreparedDial(sessionId, taskId, org, "inbound", to, from));
    } catch (RuntimeException e) {
      log.warn("media preparation for inbound session {} failed", sessionId, e);
    }
    return routeInbound(sessionId, taskId, org, node, from, to, now);
  }

  private WebhookResponse routeInbound(
      UUID sessionId, UUID taskId, UUID org, String node, String from, String to, Instant now)
      throws SQLException {
    Optional<MediaRouter.MediaRoute> route = router.route(node);
    if (route.isEmpty()) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        SessionRow s = lockSession(c, sessionId, null);
        if (s != null && CallbackStatus.rankOf(s.status) < 3) {
          endWithoutMedia(c, s, now);
        }
        c.commit();
      }
      return WebhookResponse.twiml(Twiml.unavailable());
    }
    if (node == null || !node.equals(route.get().nodeId())) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps =
              c.prepareStatement("UPDATE call_sessions SET media_node = ? WHERE id = ?")) {
        ps.setString(1, route.get().nodeId());
        ps.setObject(2, sessionId);
        ps.executeUpdate();
      }
    }
    return WebhookResponse.twiml(stream(route.get(), sessionId, "inbound", from, to, now));
  }

  /**
   * {organization, user} that takes calls to {@code to}: configured, else by phone, else the first
   * admin.
   */
  private UUID[] inboundOwner(Connection c, String to) throws SQLException {
    String sql =
        inboundUserId != null
            ? "SELECT organization_id, id FROM users WHERE id = ?"
            : "SELECT organization_id, id FROM users WHERE phone = ? OR role = 'admin'"
                + " ORDER BY (phone = ?) DESC NULLS LAST, created_at LIMIT 1";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (inboundUserId != null) {
        ps.setObject(1, inboundUserId);
      } else {
        ps.setString(1, to);
        ps.setString(2, to);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}
            : null;
      }
    }
  }

  private static UUID contactFor(Connection c, UUID org, String phone) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM contacts WHERE organization_id = ? AND phone = ? ORDER BY created_at LIMIT 1")) {
      ps.setObject(1, org);
      ps.setString(2, phone);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, UUID.class) : null;
      }
    }
  }

  // --- shared ----------------------------------------------------------------------------------

  /** Records a webhook receipt; false when the same key was already received. */
  private static boolean receipt(Connection c, String key, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO webhook_receipts (id, provider, provider_event_key, received_at) VALUES (?, 'twilio', ?, ?)"
                + " ON CONFLICT (provider, provider_event_key) DO NOTHING")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, key.length() > 500 ? key.substring(0, 500) : key);
      ps.setTimestamp(3, Timestamp.from(now));
      return ps.executeUpdate() == 1;
    }
  }

  private static SessionRow lockSession(Connection c, UUID sessionId, String callSid)
      throws SQLException {
    String where = sessionId != null ? "id = ?" : "provider_call_id = ?";
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, organization_id, task_id, status, version, answered_by, media_node, from_phone, to_phone,"
                + " failure_reason, hang_up_reason FROM call_sessions WHERE "
                + where
                + " FOR NO KEY UPDATE")) {
      if (sessionId != null) {
        ps.setObject(1, sessionId);
      } else {
        ps.setString(1, callSid);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new SessionRow(
            rs.getObject(1, UUID.class),
            rs.getObject(2, UUID.class),
            rs.getObject(3, UUID.class),
            rs.getString(4),
            rs.getLong(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            rs.getString(11));
      }
    }
  }

  private static int parseInt(String s, int fallback) {
    if (s == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private record SessionRow(
      UUID id,
      UUID org,
      UUID taskId,
      String status,
      long version,
      String answeredBy,
      String mediaNode,
      String fromPhone,
      String toPhone,
      String failureReason,
      String hangUpReason) {
    boolean cancelled() {
      return "cancelled".equals(status);
    }
  }
}
