package dev.parley.control.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.parley.control.idempotency.IdempotentCreate;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The caller's API keys: created (secret shown once), listed, revoked. */
@Controller("/api/v1/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
class ApiKeyController {
  private final ApiKeyService keys;
  private final IdempotentCreate idempotent;

  ApiKeyController(ApiKeyService keys, IdempotentCreate idempotent) {
    this.keys = keys;
    this.idempotent = idempotent;
  }

  /** Body of a key creation. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  record CreateApiKeyCommand(@NotBlank @Size(max = 100) String name) {}

  /** A key as listed: never the secret. */
  @Serdeable
  record ApiKeyView(UUID id, String name, String prefix, Instant createdAt, Instant revokedAt) {
    static ApiKeyView of(ApiKey k) {
      return new ApiKeyView(k.id(), k.name(), k.prefix(), k.createdAt(), k.revokedAt());
    }
  }

  /** The creation response, the only one that carries the secret. */
  @Serdeable
  record CreatedApiKey(UUID id, String name, String prefix, String key, Instant createdAt) {}

  @Post
  HttpResponse<?> create(
      Caller caller,
      @Nullable @Header(IdempotentCreate.HEADER) String idempotencyKey,
      @Body @Valid @NotNull CreateApiKeyCommand command) {
    return idempotent.run(
        caller,
        idempotencyKey,
        "POST /api/v1/api-keys",
        command,
        () -> {
          ApiKeyService.IssuedKey issued =
              keys.issue(caller.organizationId(), caller.userId(), command.name().strip());
          ApiKey k = issued.key();
          return new CreatedApiKey(k.id(), k.name(), k.prefix(), issued.secret(), k.createdAt());
        });
  }

  @Get
  List<ApiKeyView> list(Caller caller) {
    return keys.list(caller).stream().map(ApiKeyView::of).toList();
  }

  @Delete("/{id}")
  @Status(HttpStatus.NO_CONTENT)
  void revoke(Caller caller, UUID id) {
    keys.revoke(caller, id);
  }
}
