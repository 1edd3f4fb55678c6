package dev.parley.control.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A stored API key: its public prefix and the SHA-256 of the whole key, never the key. */
@MappedEntity("api_keys")
public record ApiKey(
    @Id UUID id,
    UUID organizationId,
    UUID userId,
    String name,
    String prefix,
    byte[] keyHash,
    Instant createdAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant revokedAt) {}
