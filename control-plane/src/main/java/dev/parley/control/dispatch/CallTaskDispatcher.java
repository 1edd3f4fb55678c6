package dev.parley.control.dispatch;

import dev.parley.control.event.CallEvent;
import dev.parley.control.guard.DialGuards;
import dev.parley.control.guard.GuardDecision;
import dev.parley.control.infra.Json;
import dev.parley.control.telephony.DialRequest;
import dev.parley.control.telephony.TelephonyException;
import dev.parley.control.telephony.TelephonyProvider;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due call tasks and dials them. One claim thread per instance takes a batch with {@link
 * TaskQueue#claim} and hands it to a small pool of batch workers; each batch goes through three
 * steps, each one transaction with a constant number of statements:
 *
 * <ol>
 *   <li><b>begin</b>: settle take-overs of lost leases, run {@link DialGuards}, then for every
 *       admitted task bump the attempt count (fenced on the claimed version) and insert the
 *       attempt's {@code call_sessions} row in {@code initiated} with a fresh idempotency token.
 *       This commits before any provider request, so a dial is always on record before it happens.
 *   <li><b>dial</b>: the provider requests, concurrently on the dial pool.
 *   <li><b>record</b>: store each provider call id on its session and release the lease (a placed
 *       call no longer needs one: status callbacks move it on). Failures end the attempt through
 *       {@link AttemptOutcomes}.
 * </ol>
 *
 * <p>An instance that loses its lease (it stalled past the expiry) is fenced out: its begin update
 * matches no row, so it never dials; if it already dialled, the new owner has cancelled that
 * attempt without redialling it, and the stale instance hangs its orphan call up.
 */
public final class CallTaskDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CallTaskDispatcher.class);
  private static final SecureRandom TOKENS = new SecureRandom();

  private final DispatcherConfig config;
  private final DataSource dataSource;
  private final DialGuards guards;
  private final TelephonyProvider provider;
  private final DialPreparation preparation;
  private final AttemptOutcomes outcomes;
  private final Clock clock;
  private final DispatchCounters counters = new DispatchCounters();
  private final ExecutorService batchPool;
  private final ExecutorService dialPool;
  private final Semaphore freeWorkers;
  private volatile boolean running;
  private Thread claimThread;

  public CallTaskDispatcher(
      DispatcherConfig config,
      DataSource dataSource,
      DialGuards guards,
      TelephonyProvider provider,
      DialPreparation preparation,
      AttemptOutcomes outcomes,
      Clock clock) {
    this.config = config;
    this.dataSource = dataSource;
    this.guards = guards;
    this.provider = provider;
    this.preparation = preparation;
    this.outcomes = outcomes;
    this.clock = clock;
    this.batchPool = Executors.newFixedThreadPool(config.batchWorkers(), threads("batch"));
    this.dialPool = Executors.newFixedThreadPool(config.dialThreads(), threads("dial"));
    this.freeWorkers = new Semaphore(config.batchWorkers());
  }

  /** This instance's counters. */
  public DispatchCounters counters() {
    return counters;
  }

  /** This instance's lease owner id. */
  public String owner() {
    return config.owner();
  }

  /** Starts the claim loop on its own thread. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    claimThread = new Thread(this::claimLoop, "dispatch-claim-" + config.owner());
    claimThread.setDaemon(true);
    claimThread.start();
  }

  /** Stops claiming, lets batches in flight finish (bounded), and shuts the pools down. */
  @Override
  public synchronized void close() {
    running = false;
    if (claimThread != null) {
      claimThread.interrupt();
      try {
        claimThread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    batchPool.shutdown();
    dialPool.shutdown();
    try {
      batchPool.awaitTermination(10, TimeUnit.SECONDS);
      dialPool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    batchPool.shutdownNow();
    dialPool.shutdownNow();
  }

  private void claimLoop() {
    while (running) {
      boolean permit = false;
      try {
        freeWorkers.acquire();
        permit = true;
        List<ClaimedTask> batch = claim();
        if (batch.isEmpty()) {
          freeWorkers.release();
          permit = false;
          Thread.sleep(config.idlePoll().toMillis());
          continue;
        }
        batchPool.execute(
            () -> {
              try {
                process(batch);
              } catch (Exception e) {
                counters.loopErrors.increment();
                log.warn(
                    "dispatch batch of {} failed; its leases expire and it is re-claimed",
                    batch.size(),
                    e);
              } finally {
                freeWorkers.release();
              }
            });
        permit = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // The loop never dies: count, log, back off a little, go on.
        counters.loopErrors.increment();
        log.warn("dispatch claim round failed", e);
        if (permit) {
          freeWorkers.release();
        }
        try {
          Thread.sleep(config.idlePoll().toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Claims one batch (autocommit). */
  List<ClaimedTask> claim() throws SQLException {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      List<ClaimedTask> batch =
          TaskQueue.claim(c, config.owner(), now, now.plus(config.lease()), config.batchSize());
      counters.claimRounds.increment();
      counters.claimed.add(batch.size());
      return batch;
    }
  }

  /**
   * Claims and fully processes one batch on the calling thread; returns how many tasks were
   * claimed. For tests and benchmarks that drive the dispatcher step by step.
   */
  public int runOnce() throws Exception {
    List<ClaimedTask> batch = claim();
    if (!batch.isEmpty()) {
      process(batch);
    }
    return batch.size();
  }

  void process(List<ClaimedTask> batch) throws Exception {
    List<Admitted> admitted = begin(batch);
    if (admitted.isEmpty()) {
      return;
    }
    record(dial(admitted));
  }

  /** Step 1: settle take-overs, guard, and put every admitted attempt on record. */
  List<Admitted> begin(List<ClaimedTask> batch) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<Admitted> admitted = begin(c, batch);
        c.commit();
        return admitted;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private List<Admitted> begin(Connection c, List<ClaimedTask> batch) throws SQLException {
    Instant now = clock.instant();
    List<CallEvent> events = new ArrayList<>();
    for (ClaimedTask t : batch) {
      events.add(
          CallEvent.of(
              t.organizationId(),
              t.id(),
              null,
              t.reclaimed() ? "lease_taken_over" : "task.status_changed",
              t.previousStatus(),
              "dialing",
              Json.object("lease_owner", config.owner())));
    }
    CallRecords.events(c, events, now);

    List<ClaimedTask> fresh = settleTakeOvers(c, batch, now);
    List<ClaimedTask> dialable = new ArrayList<>(fresh.size());
    for (ClaimedTask t : fresh) {
      if (t.attemptCount() >= t.maxAttempts()) {
        outcomes.fail(c, t.id(), null, null, "max_attempts_reached");
        counters.refused.increment();
      } else {
        dialable.add(t);
      }
    }

    Map<UUID, GuardDecision> decisions =
        guards.check(c, dialable.stream().map(ClaimedTask::candidate).toList());
    List<ClaimedTask> allowed = new ArrayList<>(dialable.size());
    List<ClaimedTask> deferred = new ArrayList<>();
    List<Instant> deferUntil = new ArrayList<>();
    List<CallEvent> guardEvents = new ArrayList<>();
    for (ClaimedTask t : dialable) {
      GuardDecision d = decisions.get(t.id());
      switch (d.verdict()) {
        case ALLOW -> allowed.add(t);
        case DEFER -> {
          deferred.add(t);
          deferUntil.add(d.deferUntil());
          guardEvents.add(
              CallEvent.of(
                  t.organizationId(),
                  t.id(),
                  null,
                  "dial_deferred",
                  "dialing",
                  "scheduled",
                  Json.object(
                      "guard",
                      d.guard(),
                      "reason",
                      d.reason(),
                      "until",
                      d.deferUntil().toString())));
        }
        case REFUSE -> {
          CallRecords.event(
              c,
              CallEvent.of(
                  t.organizationId(),
                  t.id(),
                  null,
                  "dial_refused",
                  "dialing",
                  "failed",
                  Json.object("guard", d.guard(), "reason", d.reason())),
              now);
          outcomes.fail(c, t.id(), null, null, d.guard() + ": " + d.reason());
          counters.refused.increment();
        }
      }
    }
    CallRecords.events(c, guardEvents, now);
    defer(c, deferred, deferUntil, now);
    return startAttempts(c, allowed, now);
  }

  /**
   * For rows taken over from a lost instance: an attempt already on record but never confirmed as
   * placed may or may not have reached the provider, so it is never redialled; it is cancelled and
   * the task moves on through the retry policy. A placed one (a callback bound its call id) just
   * lets go of the lease. The rest are dialled as fresh.
   */
  private List<ClaimedTask> settleTakeOvers(Connection c, List<ClaimedTask> batch, Instant now)
      throws SQLException {
    List<ClaimedTask> takeOvers =
        batch.stream().filter(t -> t.reclaimed() && t.attemptCount() > 0).toList();
    counters.reclaimed.add(batch.stream().filter(ClaimedTask::reclaimed).count());
    if (takeOvers.isEmpty()) {
      return batch;
    }
    Map<UUID, String[]> lastAttempt = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT s.task_id, s.id, s.status, s.provider_call_id FROM call_sessions s"
                + " JOIN unnest(?::uuid[], ?::int[]) AS x(task_id, attempt)"
                + " ON s.task_id = x.task_id AND s.attempt_number = x.attempt")) {
      ps.setArray(1, c.createArrayOf("uuid", takeOvers.stream().map(ClaimedTask::id).toArray()));
      ps.setArray(
          2, c.createArrayOf("int4", takeOvers.stream().map(ClaimedTask::attemptCount).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lastAttempt.put(
              rs.getObject(1, UUID.class),
              new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
        }
      }
    }
    List<ClaimedTask> fresh = new ArrayList<>(batch.size());
    for (ClaimedTask t : batch) {
      String[] s = lastAttempt.get(t.id());
      if (s == null || isTerminal(s[1])) {
        fresh.add(t);
      } else if (s[2] == null) {
        UUID sessionId = UUID.fromString(s[0]);
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE call_sessions SET status = 'cancelled', failure_reason = 'dial_outcome_unknown',"
                    + " ended_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND status = 'initiated'"
                    + " AND provider_call_id IS NULL")) {
          ps.setTimestamp(1, Timestamp.from(now));
          ps.setTimestamp(2, Timestamp.from(now));
          ps.setObject(3, sessionId);
          ps.executeUpdate();
        }
        CallRecords.event(
            c,
            CallEvent.of(
                t.organizationId(),
                t.id(),
                sessionId,
                "attempt_abandoned",
                "initiated",
                "cancelled",
                Json.object(
                    "reason",
                    "lease of the dialling instance expired before the call was confirmed")),
            now);
        outcomes.ended(
            c, t.id(), new AttemptEnd(sessionId, "cancelled", null, "dial_outcome_unknown", false));
        counters.abandonedUnknown.increment();
      } else {
        releaseLeases(c, List.of(t.id()), new long[] {t.version()}, now);
      }
    }
    return fresh;
  }

  private void defer(Connection c, List<ClaimedTask> tasks, List<Instant> until, Instant now)
      throws SQLException {
    if (tasks.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE call_tasks t SET status = 'scheduled', next_attempt_at = x.until::timestamptz, lease_owner = NULL,"
                + " lease_expires_at = NULL, version = t.version + 1, updated_at = ?"
                + " FROM unnest(?::uuid[], ?::int8[], ?::text[]) AS x(id, v, until)"
                + " WHERE t.id = x.id AND t.version = x.v RETURNING t.id")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setArray(2, c.createArrayOf("uuid", tasks.stream().map(ClaimedTask::id).toArray()));
      ps.setArray(3, c.createArrayOf("int8", tasks.stream().map(ClaimedTask::version).toArray()));
      // ISO-8601 instants with their Z: a Timestamp inside an array is sent without an offset and
      // would be read in the session's time zone.
      ps.setArray(4, c.createArrayOf("text", until.stream().map(Instant::toString).toArray()));
      counters.deferred.add(tasks.size());
      counters.fenceMisses.add(tasks.size() - count(ps));
    }
  }

  private List<Admitted> startAttempts(Connection c, List<ClaimedTask> tasks, Instant now)
      throws SQLException {
    if (tasks.isEmpty()) {
      return List.of();
    }
    Map<UUID, ClaimedTask> byId = new HashMap<>();
    for (ClaimedTask t : tasks) {
      byId.put(t.id(), t);
    }
    List<Admitted> admitted = new ArrayList<>(tasks.size());
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE call_tasks t SET attempt_count = t.attempt_count + 1, last_attempt_at = ?,"
                + " failure_reason = NULL, version = t.version + 1, updated_at = ?"
                + " FROM unnest(?::uuid[], ?::int8[]) AS x(id, v)"
                + " WHERE t.id = x.id AND t.version = x.v AND t.lease_owner = ?"
                + " RETURNING t.id, t.version, t.attempt_count")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setArray(3, c.createArrayOf("uuid", tasks.stream().map(ClaimedTask::id).toArray()));
      ps.setArray(4, c.createArrayOf("int8", tasks.stream().map(ClaimedTask::version).toArray()));
      ps.setString(5, config.owner());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ClaimedTask t = byId.get(rs.getObject(1, UUID.class));
          admitted.add(new Admitted(t, UUID.randomUUID(), newToken(), rs.getInt(3), rs.getLong(2)));
        }
      }
    }
    if (admitted.size() < tasks.size()) {
      // Another owner took these rows after our lease expired: a known race, not an error.
      counters.fenceMisses.add(tasks.size() - admitted.size());
      log.info(
          "{} task(s) of a batch were fenced out before dialling", tasks.size() - admitted.size());
    }
    if (admitted.isEmpty()) {
      return admitted;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO call_sessions (id, organization_id, task_id, attempt_number, idempotency_token, status,"
                + " direction, to_phone, created_at, updated_at, last_activity_at)"
                + " SELECT id, org, task, attempt, token, 'initiated', 'outbound', phone, ?, ?, ?"
                + " FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::int4[], ?::text[], ?::text[])"
                + " AS x(id, org, task, attempt, token, phone)")) {
      Timestamp ts = Timestamp.from(now);
      ps.setTimestamp(1, ts);
      ps.setTimestamp(2, ts);
      ps.setTimestamp(3, ts);
      ps.setArray(4, c.createArrayOf("uuid", admitted.stream().map(Admitted::sessionId).toArray()));
      ps.setArray(
          5,
          c.createArrayOf("uuid", admitted.stream().map(a -> a.task.organizationId()).toArray()));
      ps.setArray(6, c.createArrayOf("uuid", admitted.stream().map(a -> a.task.id()).toArray()));
      ps.setArray(7, c.createArrayOf("int4", admitted.stream().map(Admitted::attempt).toArray()));
      ps.setArray(8, c.createArrayOf("text", admitted.stream().map(Admitted::token).toArray()));
      ps.setArray(
          9, c.createArrayOf("text", admitted.stream().map(a -> a.task.targetPhone()).toArray()));
      ps.executeUpdate();
    }
    return admitted;
  }

  /** Step 2: the provider requests, concurrently. */
  List<Dialled> dial(List<Admitted> admitted) {
    List<CompletableFuture<Dialled>> futures = new ArrayList<>(admitted.size());
    for (Admitted a : admitted) {
      futures.add(CompletableFuture.supplyAsync(() -> dialOne(a), dialPool));
    }
    List<Dialled> out = new ArrayList<>(admitted.size());
    for (CompletableFuture<Dialled> f : futures) {
      out.add(f.join());
    }
    return out;
  }

  private Dialled dialOne(Admitted a) {
    ClaimedTask t = a.task;
    String node = null;
    try {
      node =
          preparation.prepare(
              new DialPreparation.PreparedDial(
                  a.sessionId, t.id(), t.organizationId(), t.kind(), t.targetPhone(), null));
    } catch (RuntimeException e) {
      // The call can still be dialled: the TwiML request picks a node when Twilio asks for it.
      log.warn("media preparation for session {} failed", a.sessionId, e);
    }
    try {
      String callId =
          provider.dial(
              new DialRequest(
                  a.sessionId, t.id(), a.attempt, a.token, t.targetPhone(), null, true));
      return new Dialled(a, callId, node, null);
    } catch (TelephonyException e) {
      return new Dialled(a, null, node, e);
    } catch (RuntimeException e) {
      return new Dialled(
          a,
          null,
          node,
          new TelephonyException(
              TelephonyException.Kind.TRANSIENT, 0, String.valueOf(e.getMessage()), e));
    }
  }

  /** Step 3: bind provider call ids, release leases, end failed attempts. */
  void record(List<Dialled> dialled) throws SQLException {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<String> orphans = record(c, dialled, now);
        c.commit();
        for (String callId : orphans) {
          hangUpQuietly(callId);
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private List<String> record(Connection c, List<Dialled> dialled, Instant now)
      throws SQLException {
    List<Dialled> placed = dialled.stream().filter(d -> d.providerCallId != null).toList();
    List<String> orphans = new ArrayList<>();
    if (!placed.isEmpty()) {
      Set<UUID> bound = new HashSet<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE call_sessions s SET provider_call_id = x.pid, media_node = COALESCE(s.media_node, x.node),"
                  + " version = s.version + 1, updated_at = ?"
                  + " FROM unnest(?::uuid[], ?::text[], ?::text[]) AS x(id, pid, node)"
                  + " WHERE s.id = x.id AND s.status <> 'cancelled'"
                  + " AND (s.provider_call_id IS NULL OR s.provider_call_id = x.pid) RETURNING s.id")) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setArray(
            2, c.createArrayOf("uuid", placed.stream().map(d -> d.admitted.sessionId).toArray()));
        ps.setArray(
            3, c.createArrayOf("text", placed.stream().map(d -> d.providerCallId).toArray()));
        ps.setArray(4, c.createArrayOf("text", placed.stream().map(d -> d.node).toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            bound.add(rs.getObject(1, UUID.class));
          }
        }
      }
      List<CallEvent> events = new ArrayList<>(placed.size());
      List<UUID> release = new ArrayList<>(placed.size());
      long[] versions = new long[placed.size()];
      for (Dialled d : placed) {
        Admitted a = d.admitted;
        if (!bound.contains(a.sessionId)) {
          // A new owner cancelled this attempt while we stalled: our call is an orphan.
          counters.fenceMisses.increment();
          orphans.add(d.providerCallId);
          log.warn(
              "session {} was taken over while dialling; hanging up orphan call {}",
              a.sessionId,
              d.providerCallId);
          continue;
        }
        counters.dialed.increment();
        versions[release.size()] = a.version;
        release.add(a.task.id());
        events.add(
            CallEvent.of(
                a.task.organizationId(),
                a.task.id(),
                a.sessionId,
                "call_placed",
                null,
                "initiated",
                Json.object(
                    "provider_call_id",
                    d.providerCallId,
                    "attempt",
                    a.attempt,
                    "media_node",
                    d.node)));
      }
      CallRecords.events(c, events, now);
      releaseLeases(c, release, versions, now);
    }
    for (Dialled d : dialled) {
      if (d.failure == null) {
        continue;
      }
      counters.dialFailures.increment();
      Admitted a = d.admitted;
      TelephonyException e = d.failure;
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE call_sessions SET status = 'failed', failure_reason = ?, ended_at = ?,"
                  + " version = version + 1, updated_at = ? WHERE id = ? AND status = 'initiated'")) {
        ps.setString(1, "provider refused: " + e.getMessage());
        ps.setTimestamp(2, Timestamp.from(now));
        ps.setTimestamp(3, Timestamp.from(now));
        ps.setObject(4, a.sessionId);
        ps.executeUpdate();
      }
      CallRecords.event(
          c,
          CallEvent.of(
              a.task.organizationId(),
              a.task.id(),
              a.sessionId,
              "dial_failed",
              "initiated",
              "failed",
              Json.object(
                  "kind",
                  e.kind().name(),
                  "provider_code",
                  e.providerCode(),
                  "message",
                  e.getMessage())),
          now);
      outcomes.ended(
          c,
          a.task.id(),
          new AttemptEnd(
              a.sessionId,
              "failed",
              null,
              "provider refused the call: " + e.getMessage(),
              e.kind() == TelephonyException.Kind.WRONG_NUMBER));
    }
    return orphans;
  }

  private void releaseLeases(Connection c, List<UUID> ids, long[] versions, Instant now)
      throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    Object[] vs = new Object[ids.size()];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = versions[i];
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE call_tasks t SET lease_owner = NULL, lease_expires_at = NULL, version = t.version + 1,"
                + " updated_at = ? FROM unnest(?::uuid[], ?::int8[]) AS x(id, v)"
                + " WHERE t.id = x.id AND t.version = x.v RETURNING t.id")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
      ps.setArray(3, c.createArrayOf("int8", vs));
      int released = count(ps);
      if (released < ids.size()) {
        // Usually a status callback that already moved the task on (and dropped the lease).
        counters.fenceMisses.add(ids.size() - released);
        log.debug("{} lease release(s) matched no row", ids.size() - released);
      }
    }
  }

  private void hangUpQuietly(String callId) {
    try {
      provider.hangUp(callId);
    } catch (TelephonyException | RuntimeException e) {
      log.warn("could not hang up orphan call {}", callId, e);
    }
  }

  private static int count(PreparedStatement ps) throws SQLException {
    int n = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  static boolean isTerminal(String sessionStatus) {
    return switch (sessionStatus) {
      case "completed", "failed", "cancelled", "no_answer", "busy" -> true;
      default -> false;
    };
  }

  private static String newToken() {
    byte[] b = new byte[18];
    TOKENS.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private java.util.concurrent.ThreadFactory threads(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t =
          new Thread(r, "dispatch-" + role + "-" + config.owner() + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** A task admitted to dial, with its attempt on record. */
  record Admitted(ClaimedTask task, UUID sessionId, String token, int attempt, long version) {}

  /** The provider's answer for one admitted task. */
  record Dialled(
      Admitted admitted, String providerCallId, String node, TelephonyException failure) {}
}
