package dev.parley.control.idempotency;

import dev.parley.control.auth.Caller;
import dev.parley.control.infra.Json;
import dev.parley.control.web.FieldError;
import dev.parley.control.web.Problem;
import dev.parley.control.web.ProblemException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a create at most once per {@code Idempotency-Key}: a repeat with the same body gets the
 * stored response, a repeat with a different body is a 422 problem, and a repeat while the first is
 * still running is a 409. Failed creates free the key, since they changed nothing. Keys are kept
 * for {@code parley.idempotency.retention} (at least 24 hours).
 */
@Singleton
public class IdempotentCreate {
  /** The request header that carries the key. */
  public static final String HEADER = "Idempotency-Key";

  private static final Logger LOG = LoggerFactory.getLogger(IdempotentCreate.class);
  private static final int MAX_KEY_LENGTH = 255;

  private final IdempotencyStore store;
  private final Json json;
  private final Clock clock;
  private final Duration retention;

  IdempotentCreate(
      IdempotencyStore store,
      Json json,
      Clock clock,
      @Value("${parley.idempotency.retention:24h}") Duration retention) {
    this.store = store;
    this.json = json;
    this.clock = clock;
    this.retention =
        retention.compareTo(Duration.ofHours(24)) < 0 ? Duration.ofHours(24) : retention;
  }

  /** Runs {@code create} (201 with its result) unless the key was seen before. */
  public HttpResponse<?> run(
      Caller caller, @Nullable String key, String route, Object command, Supplier<?> create) {
    if (key == null) {
      return HttpResponse.status(HttpStatus.CREATED).body(create.get());
    }
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ProblemException.invalidField(HEADER, "must be 1 to 255 characters");
    }
    byte[] hash = sha256(route + '\n' + json.write(command));
    Instant now = clock.instant();
    if (!store.reserve(caller.userId(), key, route, hash, now, now.minus(retention))) {
      return replay(caller, key, route, hash);
    }
    Object result;
    try {
      result = create.get();
    } catch (RuntimeException e) {
      store.release(caller.userId(), key);
      throw e;
    }
    store.complete(caller.userId(), key, HttpStatus.CREATED.getCode(), json.write(result));
    return HttpResponse.status(HttpStatus.CREATED).body(result);
  }

  private HttpResponse<?> replay(Caller caller, String key, String route, byte[] hash) {
    Optional<IdempotencyStore.Entry> entry = store.find(caller.userId(), key);
    if (entry.isEmpty()) {
      // The first request failed and released the key between our insert and this read.
      throw ProblemException.conflict(
          "a request with this Idempotency-Key just failed; retry it", null, null);
    }
    IdempotencyStore.Entry stored = entry.get();
    if (!stored.route().equals(route) || !MessageDigest.isEqual(stored.requestHash(), hash)) {
      throw new ProblemException(
          Problem.of(
              "idempotency-key-reused",
              "Unprocessable Entity",
              422,
              "this Idempotency-Key was already used with a different request",
              List.of(new FieldError(HEADER, "was used with a different request body or route"))));
    }
    if (stored.responseStatus() == null) {
      throw ProblemException.conflict(
          "a request with this Idempotency-Key is still being processed", null, null);
    }
    return HttpResponse.status(HttpStatus.valueOf(stored.responseStatus()))
        .header("Idempotent-Replayed", "true")
        .body(json.tree(stored.responseBody()));
  }

  /** Hourly purge of keys past their retention. */
  @Scheduled(fixedDelay = "1h", initialDelay = "5m")
  void purge() {
    try {
      int removed = store.purgeCreatedBefore(clock.instant().minus(retention));
      if (removed > 0) {
        LOG.info("Purged {} idempotency keys older than {}", removed, retention);
      }
    } catch (RuntimeException e) {
      LOG.warn("Idempotency key purge failed; will retry", e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
