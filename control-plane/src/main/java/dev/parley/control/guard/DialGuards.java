package dev.parley.control.guard;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one place every dial is checked before it is placed: allow-list mode, the do-not-call list,
 * calling hours in the callee's local time, per-user rate limits and the organisation's cap on live
 * calls. Checks run for a whole claimed batch with one query per guard, so they cost the same for
 * one dial or a hundred. The caller records each refusal or deferral as a call event (type {@code
 * dial_refused} / {@code dial_deferred}) in the transaction that moves the task.
 *
 * <p>Order matters: permanent refusals (allow-list, DNC) before deferrals, so a number on the DNC
 * list fails at once instead of waiting for the morning to fail.
 */
public final class DialGuards {
  /** Guard names as they appear in call events and failure reasons. */
  public static final String ALLOW_LIST = "allow_list";

  public static final String DO_NOT_CALL = "do_not_call";
  public static final String CALLING_HOURS = "calling_hours";
  public static final String RATE_LIMIT = "rate_limit";
  public static final String CONCURRENCY = "concurrency";

  private final GuardConfig config;
  private final CallingHours legalHours;
  private final Clock clock;

  public DialGuards(GuardConfig config, Clock clock) {
    this.config = config;
    this.legalHours = new CallingHours(config.callingStart(), config.callingEnd());
    this.clock = clock;
  }

  /** The configuration in force. */
  public GuardConfig config() {
    return config;
  }

  /**
   * Decides every candidate of a batch. {@code candidates} are live tasks already claimed (status
   * dialing) and are excluded from the concurrency count. The map iterates in candidate order.
   */
  public Map<UUID, GuardDecision> check(Connection c, List<DialCandidate> candidates)
      throws SQLException {
    Instant now = clock.instant();
    Map<UUID, GuardDecision> decisions = new LinkedHashMap<>();
    if (candidates.isEmpty()) {
      return decisions;
    }
    Set<String> allowListed =
        config.allowListMode() ? listed(c, "allow_listed_numbers", candidates) : Set.of();
    Set<String> doNotCall = listed(c, "do_not_call_numbers", candidates);
    Map<UUID, String> contactZones = contactZones(c, candidates);
    Map<UUID, LocalTime[]> userWindows = userWindows(c, candidates);
    Map<UUID, UsageWindow> usage =
        config.rateLimitsEnabled() ? usage(c, candidates, now) : Map.of();
    Map<UUID, Integer> live = liveCalls(c, candidates);

    for (DialCandidate d : candidates) {
      String key = d.organizationId() + "|" + d.targetPhone();
      GuardDecision decision;
      if (config.allowListMode() && !allowListed.contains(key)) {
        decision = GuardDecision.refuse(ALLOW_LIST, "number is not on the allow-list");
      } else if (doNotCall.contains(key)) {
        decision = GuardDecision.refuse(DO_NOT_CALL, "number is on the do-not-call list");
      } else {
        decision = hours(d, contactZones.get(d.taskId()), userWindows.get(d.ownerUserId()), now);
        if (decision.allowed() && config.rateLimitsEnabled()) {
          decision = rate(d, usage.computeIfAbsent(d.ownerUserId(), u -> new UsageWindow()), now);
        }
        if (decision.allowed()) {
          int active = live.getOrDefault(d.organizationId(), 0);
          if (active >= config.maxConcurrentCalls()) {
            decision =
                GuardDecision.defer(
                    CONCURRENCY,
                    "organisation has "
                        + active
                        + " live calls (cap "
                        + config.maxConcurrentCalls()
                        + ")",
                    now.plus(config.concurrencyRetry()));
          } else {
            live.put(d.organizationId(), active + 1);
          }
        }
      }
      if (decision.allowed() && config.rateLimitsEnabled()) {
        usage.get(d.ownerUserId()).count(d.automated(), now);
      }
      decisions.put(d.taskId(), decision);
    }
    return decisions;
  }

  private GuardDecision hours(
      DialCandidate d, String contactZone, LocalTime[] userWindow, Instant now) {
    List<ZoneId> zones = CallingHours.zonesFor(d.targetPhone(), contactZone);
    CallingHours hours = legalHours;
    if (userWindow != null) {
      // The owner's own window can only narrow the legal one.
      LocalTime start =
          userWindow[0].isAfter(legalHours.start()) ? userWindow[0] : legalHours.start();
      LocalTime end = userWindow[1].isBefore(legalHours.end()) ? userWindow[1] : legalHours.end();
      if (start.isBefore(end)) {
        hours = new CallingHours(start, end);
      }
    }
    if (hours.allowed(now, zones)) {
      return GuardDecision.allow();
    }
    Instant next = hours.nextAllowed(now, zones);
    return GuardDecision.defer(
        CALLING_HOURS, "outside " + hours.start() + "–" + hours.end() + " in " + zones, next);
  }

  private GuardDecision rate(DialCandidate d, UsageWindow u, Instant now) {
    int perHour = d.automated() ? config.automatedPerHour() : config.manualPerHour();
    int perDay = d.automated() ? config.automatedPerDay() : config.manualPerDay();
    Instant until = u.blockedUntil(d.automated(), perHour, perDay, now);
    if (until == null) {
      return GuardDecision.allow();
    }
    return GuardDecision.defer(
        RATE_LIMIT,
        (d.automated() ? "automated" : "manual")
            + " limit "
            + perHour
            + "/hour, "
            + perDay
            + "/day reached",
        until);
  }

  /**
   * How long a user must wait before one more dial of this kind is allowed, or {@link
   * Duration#ZERO} when it may go now. The task-create endpoint answers 429 with this as {@code
   * Retry-After} when it is positive.
   */
  public Duration retryAfter(Connection c, UUID ownerUserId, String kind) throws SQLException {
    if (!config.rateLimitsEnabled()) {
      return Duration.ZERO;
    }
    Instant now = clock.instant();
    DialCandidate probe = new DialCandidate(null, null, ownerUserId, kind, null, null);
    Map<UUID, UsageWindow> usage = usage(c, List.of(probe), now);
    GuardDecision d = rate(probe, usage.getOrDefault(ownerUserId, new UsageWindow()), now);
    if (d.allowed()) {
      return Duration.ZERO;
    }
    Duration wait = Duration.between(now, d.deferUntil());
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private static Set<String> listed(Connection c, String table, List<DialCandidate> ds)
      throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT organization_id, phone FROM "
                + table
                + " WHERE organization_id = ANY (?) AND phone = ANY (?)")) {
      ps.setArray(1, uuids(c, ds.stream().map(DialCandidate::organizationId).toList()));
      ps.setArray(
          2,
          c.createArrayOf(
              "text", ds.stream().map(DialCandidate::targetPhone).distinct().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getObject(1) + "|" + rs.getString(2));
        }
      }
    }
    return out;
  }

  private static Map<UUID, String> contactZones(Connection c, List<DialCandidate> ds)
      throws SQLException {
    Map<UUID, UUID> taskByContact = new HashMap<>();
    for (DialCandidate d : ds) {
      if (d.contactId() != null) {
        taskByContact.put(d.contactId(), d.taskId());
      }
    }
    Map<UUID, String> out = new HashMap<>();
    if (taskByContact.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, time_zone FROM contacts WHERE id = ANY (?) AND time_zone IS NOT NULL")) {
      ps.setArray(1, uuids(c, taskByContact.keySet()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          UUID contact = rs.getObject(1, UUID.class);
          for (DialCandidate d : ds) {
            if (contact.equals(d.contactId())) {
              out.put(d.taskId(), rs.getString(2));
            }
          }
        }
      }
    }
    return out;
  }

  private static Map<UUID, LocalTime[]> userWindows(Connection c, List<DialCandidate> ds)
      throws SQLException {
    Map<UUID, LocalTime[]> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT user_id, calling_window_start, calling_window_end FROM assistant_settings WHERE user_id = ANY (?)")) {
      ps.setArray(1, uuids(c, ds.stream().map(DialCandidate::ownerUserId).toList()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getObject(1, UUID.class),
              new LocalTime[] {rs.getObject(2, LocalTime.class), rs.getObject(3, LocalTime.class)});
        }
      }
    }
    return out;
  }

  private static Map<UUID, UsageWindow> usage(Connection c, List<DialCandidate> ds, Instant now)
      throws SQLException {
    Map<UUID, UsageWindow> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT s.created_at, t.kind = 'reminder' FROM call_sessions s JOIN call_tasks t ON t.id = s.task_id"
                + " WHERE t.owner_user_id = ? AND s.created_at > ? AND s.direction = 'outbound'")) {
      for (UUID user : new HashSet<>(ds.stream().map(DialCandidate::ownerUserId).toList())) {
        UsageWindow w = new UsageWindow();
        ps.setObject(1, user);
        ps.setTimestamp(2, Timestamp.from(now.minus(Duration.ofDays(1))));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            w.count(rs.getBoolean(2), rs.getTimestamp(1).toInstant());
          }
        }
        out.put(user, w);
      }
    }
    return out;
  }

  private static Map<UUID, Integer> liveCalls(Connection c, List<DialCandidate> ds)
      throws SQLException {
    Map<UUID, Integer> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT organization_id, count(*) FROM call_tasks WHERE organization_id = ANY (?)"
                + " AND status IN ('dialing', 'in_progress') AND NOT (id = ANY (?)) GROUP BY organization_id")) {
      ps.setArray(1, uuids(c, ds.stream().map(DialCandidate::organizationId).toList()));
      ps.setArray(2, uuids(c, ds.stream().map(DialCandidate::taskId).toList()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getObject(1, UUID.class), rs.getInt(2));
        }
      }
    }
    return out;
  }

  private static Array uuids(Connection c, Collection<UUID> ids) throws SQLException {
    return c.createArrayOf("uuid", new HashSet<>(ids).toArray());
  }

  /** A user's recent dials split by kind, to answer "is one more allowed, and if not, when". */
  private static final class UsageWindow {
    private final List<Instant> manual = new ArrayList<>();
    private final List<Instant> automated = new ArrayList<>();

    void count(boolean isAutomated, Instant at) {
      (isAutomated ? automated : manual).add(at);
    }

    /** When the next dial fits both windows, or {@code null} when it fits now. */
    Instant blockedUntil(boolean isAutomated, int perHour, int perDay, Instant now) {
      List<Instant> times = new ArrayList<>(isAutomated ? automated : manual);
      times.sort(null);
      Instant until = null;
      until =
          later(until, freeAt(times, perHour, now.minus(Duration.ofHours(1)), Duration.ofHours(1)));
      until =
          later(until, freeAt(times, perDay, now.minus(Duration.ofDays(1)), Duration.ofDays(1)));
      return until;
    }

    /**
     * With {@code times} sorted, the moment the window holds fewer than {@code limit} dials again:
     * when the dial that is {@code limit}-th from the newest ages out.
     */
    private static Instant freeAt(
        List<Instant> times, int limit, Instant windowStart, Duration window) {
      List<Instant> inWindow = times.stream().filter(t -> t.isAfter(windowStart)).toList();
      if (inWindow.size() < limit) {
        return null;
      }
      return inWindow.get(inWindow.size() - limit).plus(window);
    }

    private static Instant later(Instant a, Instant b) {
      if (a == null) {
        return b;
      }
      return b == null || a.isAfter(b) ? a : b;
    }
  }
}
