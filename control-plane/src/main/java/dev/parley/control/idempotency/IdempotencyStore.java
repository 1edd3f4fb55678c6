package dev.parley.control.idempotency;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code idempotency_keys} table. The first request with a key reserves the row (an insert that
 * loses to a concurrent one does nothing), then completes it with the response.
 */
@Singleton
class IdempotencyStore {
  private final JdbcOperations jdbc;

  IdempotencyStore(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored request: its hash and, once finished, its response. */
  record Entry(String route, byte[] requestHash, Integer responseStatus, String responseBody) {}

  /** Reserves a key; false if it is already taken (by a stored or an in-flight request). */
  @Transactional
  boolean reserve(
      UUID userId, String key, String route, byte[] hash, Instant now, Instant expiredBefore) {
    jdbc.prepareStatement(
        "DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND created_at < ?",
        ps -> {
          ps.setObject(1, userId);
          ps.setString(2, key);
          ps.setTimestamp(3, Timestamp.from(expiredBefore));
          return ps.executeUpdate();
        });
    return jdbc.prepareStatement(
            "INSERT INTO idempotency_keys (user_id, key, route, request_hash, created_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            ps -> {
              ps.setObject(1, userId);
              ps.setString(2, key);
              ps.setString(3, route);
              ps.setBytes(4, hash);
              ps.setTimestamp(5, Timestamp.from(now));
              return ps.executeUpdate();
            })
        == 1;
  }

  @Transactional
  Optional<Entry> find(UUID userId, String key) {
    return jdbc.prepareStatement(
        "SELECT route, request_hash, response_status, response_body FROM idempotency_keys"
            + " WHERE user_id = ? AND key = ?",
        ps -> {
          ps.setObject(1, userId);
          ps.setString(2, key);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            int status = rs.getInt(3);
            return Optional.of(
                new Entry(
                    rs.getString(1),
                    rs.getBytes(2),
                    rs.wasNull() ? null : status,
                    rs.getString(4)));
          }
        });
  }

  @Transactional
  void complete(UUID userId, String key, int status, String body) {
    jdbc.prepareStatement(
        "UPDATE idempotency_keys SET response_status = ?, response_body = ?"
            + " WHERE user_id = ? AND key = ?",
        ps -> {
          ps.setInt(1, status);
          ps.setString(2, body);
          ps.setObject(3, userId);
          ps.setString(4, key);
          return ps.executeUpdate();
        });
  }

  /** Frees a reservation whose request failed, so the client may retry with the same key. */
  @Transactional
  void release(UUID userId, String key) {
    jdbc.prepareStatement(
        "DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND response_status IS NULL",
        ps -> {
          ps.setObject(1, userId);
          ps.setString(2, key);
          return ps.executeUpdate();
        });
  }

  @Transactional
  int purgeCreatedBefore(Instant before) {
    return jdbc.prepareStatement(
        "DELETE FROM idempotency_keys WHERE created_at < ? AND response_status IS NOT NULL",
        ps -> {
          ps.setTimestamp(1, Timestamp.from(before));
          return ps.executeUpdate();
        });
  }
}
