package dev.parley.control.auth;

import static dev.parley.control.support.Fixtures.assertProblem;
import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.account.UserRole;
import dev.parley.control.support.Api;
import dev.parley.control.support.SettableClock;
import dev.parley.control.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The short-lived cache of authenticated API keys: bounded, expiring, and never the reason a
 * revoked key still works (at once in this process; within the TTL when another instance revoked it
 * in the shared database).
 */
class ApiKeyCacheTest {
  private static final Caller CALLER =
      new Caller(UUID.randomUUID(), UUID.randomUUID(), UserRole.MEMBER);

  private final SettableClock clock = new SettableClock();

  private static byte[] hashOf(int n) {
    return ApiKeyMaterial.hash("key-" + n);
  }

  @Test
  void anEntryExpiresAfterTheTtl() {
    ApiKeyCache cache = new ApiKeyCache(clock, Duration.ofSeconds(2), 10);
    cache.put(hashOf(1), UUID.randomUUID(), CALLER, cache.revocationMark());
    assertThat(cache.get(hashOf(1))).contains(CALLER);
    clock.advance(Duration.ofMillis(1999));
    assertThat(cache.get(hashOf(1))).contains(CALLER);
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.get(hashOf(1))).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void theCacheNeverHoldsMoreThanItsBound() {
    ApiKeyCache cache = new ApiKeyCache(clock, Duration.ofSeconds(2), 3);
    for (int i = 0; i < 10; i++) {
      cache.put(hashOf(i), UUID.randomUUID(), CALLER, cache.revocationMark());
      assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
    assertThat(cache.get(hashOf(0))).contains(CALLER);
    assertThat(cache.get(hashOf(9))).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    cache.put(hashOf(9), UUID.randomUUID(), CALLER, cache.revocationMark());
    assertThat(cache.get(hashOf(9))).contains(CALLER);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aLookupThatOverlappedARevocationIsNotKept() {
    ApiKeyCache cache = new ApiKeyCache(clock, Duration.ofSeconds(2), 10);
    UUID key = UUID.randomUUID();
    long mark = cache.revocationMark(); // the lookup starts and reads the (still valid) key
    cache.evictKey(key); // the key is revoked meanwhile
    cache.put(hashOf(1), key, CALLER, mark);
    assertThat(cache.get(hashOf(1))).isEmpty();
  }

  @Test
  void revokingForgetsOnlyThatKey() {
    ApiKeyCache cache = new ApiKeyCache(clock, Duration.ofSeconds(2), 10);
    UUID revoked = UUID.randomUUID();
    cache.put(hashOf(1), revoked, CALLER, cache.revocationMark());
    cache.put(hashOf(2), UUID.randomUUID(), CALLER, cache.revocationMark());
    cache.evictKey(revoked);
    assertThat(cache.get(hashOf(1))).isEmpty();
    assertThat(cache.get(hashOf(2))).contains(CALLER);
  }

  @Test
  void aKeyRevokedThroughTheApiStopsAtOnceAndOneRevokedElsewhereWithinTheTtl() throws Exception {
    TestServer server = TestServer.shared();
    TestServer.Tenant tenant = server.newTenant();
    Api.Response first = tenant.api().post("/api/v1/api-keys", json("name", "first"));
    Api.Response second = tenant.api().post("/api/v1/api-keys", json("name", "second"));
    Api viaFirst = tenant.api().as(first.str("key"));
    Api viaSecond = tenant.api().as(second.str("key"));
    assertThat(viaFirst.get("/api/v1/users/me").status()).isEqualTo(200);
    assertThat(viaSecond.get("/api/v1/users/me").status()).isEqualTo(200);

    // Through the API: this instance forgets the key with the revocation.
    assertThat(tenant.api().delete("/api/v1/api-keys/" + first.str("id")).status()).isEqualTo(204);
    assertProblem(viaFirst.get("/api/v1/users/me"), 401);

    // Behind this instance's back (another instance's revocation in the shared database).
    try (Connection c = server.jdbc();
        PreparedStatement ps =
            c.prepareStatement("UPDATE api_keys SET revoked_at = now() WHERE id = ?")) {
      ps.setObject(1, UUID.fromString(second.str("id")));
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    server.clock().advance(Duration.ofSeconds(2));
    assertProblem(viaSecond.get("/api/v1/users/me"), 401);
    assertThat(tenant.api().get("/api/v1/users/me").status()).isEqualTo(200);
  }
}
