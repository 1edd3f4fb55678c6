package dev.parley.control.safety;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/** A call held for admin review (abuse detection, a complaint, an odd outcome). */
@MappedEntity("call_flags")
public record CallFlag(
    @Id UUID id,
    UUID organizationId,
    UUID taskId,
    @Nullable UUID sessionId,
    String reason,
    @MappedProperty(converter = FlagStatus.Converter.class) FlagStatus status,
    @Nullable String resolution,
    @Nullable UUID resolvedBy,
    Instant createdAt,
    @Nullable Instant resolvedAt) {}
