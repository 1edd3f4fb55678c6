package dev.parley.control.safety;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/** A recorded consent or attestation (kind: recording, calling, b2b_attestation). */
@MappedEntity("consents")
public record Consent(
    @Id UUID id,
    UUID organizationId,
    @Nullable UUID userId,
    @Nullable UUID taskId,
    @Nullable String phone,
    String kind,
    boolean granted,
    @ColumnTransformer(write = "?::jsonb") String detail,
    @Nullable String clientIp,
    Instant recordedAt) {}
