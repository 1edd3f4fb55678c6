package dev.parley.control.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/** A fact the post-call analysis took from a call, with the words it came from. */
@MappedEntity("extracted_data")
public record ExtractedDatum(
    @Id UUID id,
    UUID organizationId,
    UUID taskId,
    @Nullable UUID sessionId,
    String key,
    String value,
    @MappedProperty(converter = ValueType.Converter.class) ValueType valueType,
    @Nullable String rawFragment,
    Instant createdAt) {}
