package dev.parley.control.auth;

import dev.parley.control.account.UserRepository;
import dev.parley.control.web.ProblemException;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues, lists, revokes and checks API keys. A key that checked out is remembered for a short time
 * ({@link ApiKeyCache}); revoking it here forgets it at once.
 */
@Singleton
public class ApiKeyService {
  private final ApiKeyRepository keys;
  private final UserRepository users;
  private final ApiKeyCache cache;
  private final Clock clock;

  ApiKeyService(ApiKeyRepository keys, UserRepository users, ApiKeyCache cache, Clock clock) {
    this.keys = keys;
    this.users = users;
    this.cache = cache;
    this.clock = clock;
  }

  /** A key as returned once at creation: the only time the secret is visible. */
  public record IssuedKey(ApiKey key, String secret) {}

  /** Issues a new key for a user. */
  public IssuedKey issue(UUID organizationId, UUID userId, String name) {
    return issue(organizationId, userId, name, ApiKeyMaterial.generate());
  }

  /** Stores a key chosen by the operator (the configured bootstrap key). */
  public IssuedKey issue(UUID organizationId, UUID userId, String name, String secret) {
    if (!ApiKeyMaterial.wellFormed(secret)) {
      throw new IllegalArgumentException(
          "an API key has the form pk_<12 letters or digits>_<40 letters or digits>");
    }
    ApiKey key =
        keys.save(
            new ApiKey(
                UUID.randomUUID(),
                organizationId,
                userId,
                name,
                ApiKeyMaterial.prefixOf(secret),
                ApiKeyMaterial.hash(secret),
                clock.instant(),
                null,
                null));
    return new IssuedKey(key, secret);
  }

  public List<ApiKey> list(Caller caller) {
    return keys.findByUserIdOrderByCreatedAtDesc(caller.userId());
  }

  /** Revokes one of the caller's keys; another user's key is 404. */
  public void revoke(Caller caller, UUID id) {
    Optional<ApiKey> key = keys.findById(id).filter(k -> k.userId().equals(caller.userId()));
    if (key.isEmpty()) {
      throw ProblemException.notFound("API key", id);
    }
    if (key.get().revokedAt() != null) {
      throw ProblemException.conflict("API key " + id + " is already revoked", "revoked", null);
    }
    keys.revoke(id, caller.userId(), clock.instant());
    // After the update, so a lookup that reads the key from now on sees it revoked.
    cache.evictKey(id);
  }

  /** The caller a presented key belongs to, if the key is valid and not revoked. */
  public Optional<Caller> authenticate(String presented) {
    if (!ApiKeyMaterial.wellFormed(presented)) {
      return Optional.empty();
    }
    byte[] hash = ApiKeyMaterial.hash(presented);
    Optional<Caller> cached = cache.get(hash);
    if (cached.isPresent()) {
      return cached;
    }
    long mark = cache.revocationMark();
    Optional<ApiKey> stored = keys.findByPrefix(ApiKeyMaterial.prefixOf(presented));
    if (stored.isEmpty()
        || stored.get().revokedAt() != null
        || !MessageDigest.isEqual(stored.get().keyHash(), hash)) {
      return Optional.empty();
    }
    Optional<Caller> caller =
        users
            .findById(stored.get().userId())
            .map(u -> new Caller(u.id(), u.organizationId(), u.role()));
    caller.ifPresent(c -> cache.put(hash, stored.get().id(), c, mark));
    return caller;
  }
}
