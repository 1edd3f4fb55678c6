package dev.parley.control.session;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** The transcript of one call session. */
@MappedEntity("transcripts")
public record Transcript(
    @Id UUID id, UUID organizationId, UUID sessionId, String language, Instant createdAt) {}
