package dev.parley.control.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.dispatch.CallTaskDispatcher;
import dev.parley.control.dispatch.CountingProvider;
import dev.parley.control.dispatch.Dispatchers;
import dev.parley.control.dispatch.Fixtures;
import dev.parley.control.dispatch.SettableClock;
import dev.parley.control.dispatch.TestDatabase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The session cache against a real Redis, and its fall-back to the Postgres record when Redis is
 * gone.
 */
class CallSessionCacheTest {
  static TestDatabase db;
  static RedisClient client;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create("UTC", 4);
    client = RedisClient.create(TestDatabase.redisUri());
  }

  @AfterAll
  static void stop() throws Exception {
    client.shutdown();
    db.close();
  }

  @Test
  void stateRoundTripsThroughRedisWithATtl() throws Exception {
    try (StatefulRedisConnection<String, String> conn = client.connect()) {
      CallSessionCache cache =
          new CallSessionCache(
              conn,
              id -> {
                throw new AssertionError("Redis has it: the record must not be read");
              },
              Duration.ofMinutes(30),
              Duration.ofSeconds(2));
      UUID id = UUID.randomUUID();
      LiveCallState state =
          new LiveCallState(
              id,
              List.of(
                  new LiveCallState.Turn(
                      "assistant", "Hello, I'm calling about a table for two.", 0),
                  new LiveCallState.Turn("human", "Sure, what time?", 2400)),
              Map.of("party_size", "2"),
              List.of(
                  new LiveCallState.PendingApproval(UUID.randomUUID(), "deposit of $20", "20.00")));

      assertThat(cache.save(state)).isTrue();
      assertThat(cache.load(id)).isEqualTo(state);
      long ttl = conn.sync().pttl(CallSessionCache.key(id));
      assertThat(ttl).isBetween(1L, Duration.ofMinutes(30).toMillis());
      cache.evict(id);
      assertThat(cache.cached(id)).isEmpty();
    }
  }

  @Test
  void whenRedisIsDownTheStateIsRebuiltFromPostgresAndNothingThrows() throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-03-10T15:00:00Z"));
    Fixtures fx = new Fixtures(db.dataSource());
    UUID[] ou = fx.orgAndUser(clock.instant());
    fx.readyTasks(ou[0], ou[1], "personal", Fixtures.phones(0, 1), 3, clock.instant());
    try (CallTaskDispatcher d =
        Dispatchers.create(
            "c", db.dataSource(), new CountingProvider(), clock, Dispatchers.openGuards(), 10)) {
      d.runOnce();
    }
    UUID session = UUID.fromString(fx.string("SELECT id FROM call_sessions"));
    UUID transcript = UUID.randomUUID();
    fx.exec(
        "INSERT INTO transcripts (id, organization_id, session_id, created_at) VALUES (?, ?, ?, now())",
        transcript,
        ou[0],
        session);
    fx.exec(
        "INSERT INTO transcript_segments (id, transcript_id, seq, speaker, start_ms, end_ms, text, created_at)"
            + " VALUES (?, ?, 0, 'assistant', 0, 1500, 'Hi there', now()), (?, ?, 1, 'human', 1800, 2500, 'Hello', now())",
        UUID.randomUUID(),
        transcript,
        UUID.randomUUID(),
        transcript);
    String task = fx.string("SELECT task_id FROM call_sessions WHERE id = ?", session);
    fx.exec(
        "INSERT INTO extracted_data (id, organization_id, task_id, session_id, key, value, value_type, created_at)"
            + " VALUES (?, ?, ?::uuid, ?, 'time', '19:30', 'string', now())",
        UUID.randomUUID(),
        ou[0],
        task,
        session);

    StatefulRedisConnection<String, String> conn = client.connect();
    conn.close(); // Redis "goes away": every command on this connection now fails at once.
    CallSessionCache cache =
        new CallSessionCache(
            conn,
            new PostgresCallStateLoader(db.dataSource()),
            Duration.ofMinutes(30),
            Duration.ofMillis(300));

    LiveCallState state = cache.load(session);
    assertThat(state.turns())
        .extracting(LiveCallState.Turn::text)
        .containsExactly("Hi there", "Hello");
    assertThat(state.slots()).containsExactlyEntriesOf(Map.of("time", "19:30"));
    assertThat(cache.save(state)).isFalse();
    assertThat(cache.counters()[2]).isGreaterThanOrEqualTo(2);
  }
}
