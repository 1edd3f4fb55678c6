package dev.parley.control.medialink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.dispatch.AttemptOutcomes;
import dev.parley.control.dispatch.CallTaskDispatcher;
import dev.parley.control.dispatch.CountingProvider;
import dev.parley.control.dispatch.DispatcherConfig;
import dev.parley.control.dispatch.Dispatchers;
import dev.parley.control.dispatch.Fixtures;
import dev.parley.control.dispatch.RetryPolicy;
import dev.parley.control.dispatch.SessionEnder;
import dev.parley.control.dispatch.SettableClock;
import dev.parley.control.dispatch.TestDatabase;
import dev.parley.control.dispatch.ZombieCallWatchdog;
import dev.parley.control.guard.DialGuards;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls ended by this service: a lost media node, a node that could not serve a call, the watchdog.
 */
class CallEndingTest {
  static TestDatabase db;
  Fixtures fx;
  SettableClock clock;
  CountingProvider provider;
  AttemptOutcomes outcomes;
  SessionEnder ender;

  @BeforeAll
  static void database() throws Exception {
    db = TestDatabase.create("UTC", 8);
  }

  @AfterAll
  static void drop() throws Exception {
    db.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixtures(db.dataSource());
    fx.exec("DELETE FROM organizations");
    clock = new SettableClock(Instant.parse("2026-03-10T15:00:00Z"));
    provider = new CountingProvider();
    outcomes = new AttemptOutcomes(RetryPolicy.defaults(), clock, new Random(5));
    ender = new SessionEnder(db.dataSource(), outcomes, provider, clock);
  }

  /** Dials {@code n} tasks, each prepared on media node {@code node}; returns the session ids. */
  List<UUID> dialled(int n, String node) throws Exception {
    UUID[] ou = fx.orgAndUser(clock.instant());
    fx.readyTasks(ou[0], ou[1], "personal", Fixtures.phones(0, n), 3, clock.instant());
    try (CallTaskDispatcher d =
        new CallTaskDispatcher(
            new DispatcherConfig("m", 50, 1, 4, Duration.ofSeconds(30), Duration.ofMillis(10)),
            db.dataSource(),
            new DialGuards(Dispatchers.openGuards(), clock),
            provider,
            dial -> node,
            outcomes,
            clock)) {
      d.runOnce();
    }
    return fx.string("SELECT string_agg(id::text, ',' ORDER BY id) FROM call_sessions")
        .lines()
        .flatMap(l -> java.util.Arrays.stream(l.split(",")))
        .map(UUID::fromString)
        .toList();
  }

  void awaitCount(String sql, long expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (fx.count(sql) != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(fx.count(sql)).as(sql).isEqualTo(expected);
  }

  @Test
  void aLostNodesCallsFailWithTheReasonAreRetriedAndHungUp() throws Exception {
    List<UUID> sessions = dialled(2, "node-x");
    fx.exec("UPDATE call_sessions SET status = 'connected' WHERE id = ?", sessions.get(0));
    try (MediaCallRecorder recorder = new MediaCallRecorder(db.dataSource(), ender, clock)) {
      recorder.nodeLost("node-x", List.of());
      awaitCount(
          "SELECT count(*) FROM call_sessions WHERE status = 'failed' AND failure_reason = 'media node node-x lost'",
          2);
    }
    assertThat(
            fx.count(
                "SELECT count(*) FROM call_tasks WHERE status = 'scheduled' AND attempt_count = 1"))
        .isEqualTo(2);
    assertThat(provider.hungUp).hasSize(2);
  }

  @Test
  void aSessionTheNodeCouldNotServeIsEndedAndStatsAreRecorded() throws Exception {
    List<UUID> sessions = dialled(2, "node-y");
    try (MediaCallRecorder recorder = new MediaCallRecorder(db.dataSource(), ender, clock)) {
      recorder.onMediaEvent(
          "node-y",
          new CallStats(sessions.get(1), 100, 90, 16000, 14400, 1, 2, 0, 900_000, 120_000));
      recorder.onMediaEvent(
          "node-y", new SessionEnd(sessions.get(0), SessionEndReason.MEDIA_ERROR, "tts down"));
      awaitCount(
          "SELECT count(*) FROM call_sessions WHERE status = 'failed' AND failure_reason LIKE 'media: media_error%'",
          1);
      awaitCount(
          "SELECT count(*) FROM call_events WHERE type = 'media.call_stats' AND (detail->>'barge_ins')::int = 2",
          1);
    }
    assertThat(fx.count("SELECT count(*) FROM call_events WHERE type = 'media.session_end'"))
        .isEqualTo(1);
    assertThat(provider.hungUp).hasSize(1);
  }

  @Test
  void theWatchdogEndsOnlySilentCallsCompletingAnsweredOnes() throws Exception {
    List<UUID> sessions = dialled(3, "node-z");
    fx.exec(
        "UPDATE call_sessions SET status = 'connected', started_at = created_at WHERE id = ?",
        sessions.get(0));
    clock.advance(Duration.ofMinutes(6));
    // The third one had a callback a minute ago.
    fx.exec(
        "UPDATE call_sessions SET last_activity_at = ? WHERE id = ?",
        java.sql.Timestamp.from(clock.instant().minus(Duration.ofMinutes(1))),
        sessions.get(2));
    try (ZombieCallWatchdog dog =
        new ZombieCallWatchdog(
            db.dataSource(), ender, clock, Duration.ofMinutes(5), Duration.ofSeconds(30))) {
      assertThat(dog.sweep()).isEqualTo(2);
      assertThat(dog.sweep()).isZero();
    }
    assertThat(fx.string("SELECT status FROM call_sessions WHERE id = ?", sessions.get(0)))
        .isEqualTo("completed");
    assertThat(fx.string("SELECT status FROM call_sessions WHERE id = ?", sessions.get(1)))
        .isEqualTo("failed");
    assertThat(fx.string("SELECT status FROM call_sessions WHERE id = ?", sessions.get(2)))
        .isEqualTo("initiated");
    assertThat(fx.string("SELECT failure_reason FROM call_sessions WHERE id = ?", sessions.get(1)))
        .isEqualTo("watchdog: no media or callback for 300 s");
    assertThat(provider.hungUp).hasSize(2);
  }
}
