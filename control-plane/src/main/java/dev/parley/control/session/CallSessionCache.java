package dev.parley.control.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live call state in Redis, so any instance can serve any turn of any call. Each call is one JSON
 * value under {@code parley:call:<session id>} with a TTL that every write renews. Postgres stays
 * the record: when Redis is down or has lost the key, the state is rebuilt from it by the {@link
 * CallStateLoader}, and a failed write is counted and logged, never thrown, so a call degrades to
 * slower turns instead of failing. Every Redis command is bounded by a short timeout.
 */
public final class CallSessionCache {
  private static final Logger log = LoggerFactory.getLogger(CallSessionCache.class);
  private static final String PREFIX = "parley:call:";

  private final StatefulRedisConnection<String, String> redis;
  private final CallStateLoader loader;
  private final Duration ttl;
  private final Duration timeout;
  private final ObjectMapper json = new ObjectMapper();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder redisFailures = new LongAdder();

  public CallSessionCache(
      StatefulRedisConnection<String, String> redis,
      CallStateLoader loader,
      Duration ttl,
      Duration timeout) {
    this.redis = redis;
    this.loader = loader;
    this.ttl = ttl;
    this.timeout = timeout;
  }

  static String key(UUID sessionId) {
    return PREFIX + sessionId;
  }

  /**
   * Stores {@code state} and renews its TTL; returns false (and counts) when Redis did not take it.
   */
  public boolean save(LiveCallState state) {
    String value;
    try {
      value = json.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("live call state is not serialisable", e);
    }
    try {
      redis
          .async()
          .set(key(state.sessionId()), value, SetArgs.Builder.px(ttl.toMillis()))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      failed("save", state.sessionId(), e);
      return false;
    }
  }

  /**
   * The call's state: from Redis, else rebuilt from Postgres (and put back into Redis if it is up).
   */
  public LiveCallState load(UUID sessionId) throws Exception {
    Optional<LiveCallState> cached = cached(sessionId);
    if (cached.isPresent()) {
      hits.increment();
      return cached.get();
    }
    misses.increment();
    LiveCallState state = loader.load(sessionId);
    save(state);
    return state;
  }

  /** Only what Redis holds; empty on a miss or when Redis is unavailable. */
  public Optional<LiveCallState> cached(UUID sessionId) {
    try {
      String v = redis.async().get(key(sessionId)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return v == null ? Optional.empty() : Optional.of(json.readValue(v, LiveCallState.class));
    } catch (Exception e) {
      failed("load", sessionId, e);
      return Optional.empty();
    }
  }

  /** Drops a finished call's state. */
  public void evict(UUID sessionId) {
    try {
      redis.async().del(key(sessionId)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      failed("evict", sessionId, e);
    }
  }

  private void failed(String op, UUID sessionId, Exception e) {
    redisFailures.increment();
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    log.warn("session cache {} for {} degraded to Postgres: {}", op, sessionId, e.toString());
  }

  /** Hits, misses (rebuilt from Postgres) and Redis failures. */
  public long[] counters() {
    return new long[] {hits.sum(), misses.sum(), redisFailures.sum()};
  }
}
