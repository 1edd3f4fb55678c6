package dev.parley.control.auth;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recently authenticated API keys, so a burst of requests with one key does not read the key and
 * its user from the database once per request (before this cache, that lookup took its own pooled
 * connection ahead of every create). Only successful authentications are kept, by the SHA-256 of
 * the presented key (never the key), for {@code parley.auth.key-cache-ttl} (default 2 s), and at
 * most {@code parley.auth.key-cache-size} entries (default 10,000; when full, expired entries are
 * dropped and, failing that, a new key is simply not cached).
 *
 * <p>Revocation: {@link #evictKey} drops a revoked key at once in this process. A lookup that was
 * already reading the database when a key was revoked must not put the key back afterwards, so
 * every lookup notes the revocation count before it reads and {@link #put} refuses if a revocation
 * happened in between. Another control-plane instance sharing the database sees a revocation within
 * the TTL.
 */
@Singleton
final class ApiKeyCache {
  private record Entry(UUID keyId, Caller caller, Instant expiresAt) {}

  private final Map<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong revocations = new AtomicLong();
  private final Clock clock;
  private final Duration ttl;
  private final int maxEntries;

  ApiKeyCache(
      Clock clock,
      @Value("${parley.auth.key-cache-ttl:2s}") Duration ttl,
      @Value("${parley.auth.key-cache-size:10000}") int maxEntries) {
    if (ttl.isNegative() || maxEntries < 0) {
      throw new IllegalArgumentException(
          "parley.auth.key-cache-ttl and key-cache-size must not be negative");
    }
    this.clock = clock;
    this.ttl = ttl;
    this.maxEntries = maxEntries;
  }

  /** The caller of a key authenticated less than the TTL ago, by the key's hash. */
  Optional<Caller> get(byte[] keyHash) {
    Entry e = entries.get(ByteBuffer.wrap(keyHash));
    if (e == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(e.expiresAt())) {
      entries.remove(ByteBuffer.wrap(keyHash), e);
      return Optional.empty();
    }
    return Optional.of(e.caller());
  }

  /** The revocation count, to be passed to {@link #put} by a lookup about to read the database. */
  long revocationMark() {
    return revocations.get();
  }

  /**
   * Keeps a key the database has just confirmed, unless a key was revoked since {@code mark} was
   * taken (the lookup may have read the key before that revocation) or the cache is full.
   */
  void put(byte[] keyHash, UUID keyId, Caller caller, long mark) {
    if (ttl.isZero() || maxEntries == 0) {
      return;
    }
    Instant now = clock.instant();
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
      if (entries.size() >= maxEntries) {
        return;
      }
    }
    ByteBuffer k = ByteBuffer.wrap(keyHash.clone());
    entries.put(k, new Entry(keyId, caller, now.plus(ttl)));
    if (revocations.get() != mark) {
      // A revocation raced with this lookup: the entry may be a revoked key's. Drop it.
      entries.remove(k);
    }
  }

  /** Forgets a key (it was revoked); requests with it read the database again. */
  void evictKey(UUID keyId) {
    revocations.incrementAndGet();
    entries.values().removeIf(e -> e.keyId().equals(keyId));
  }

  int size() {
    return entries.size();
  }
}
