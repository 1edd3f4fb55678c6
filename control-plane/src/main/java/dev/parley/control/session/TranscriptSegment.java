package dev.parley.control.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/**
 * One utterance. For an interrupted assistant utterance {@code heardMs} says how much the callee
 * actually heard before barging in; {@code meta} holds e.g. the STT confidence.
 */
@MappedEntity("transcript_segments")
public record TranscriptSegment(
    @Id UUID id,
    UUID transcriptId,
    int seq,
    @MappedProperty(converter = Speaker.Converter.class) Speaker speaker,
    int startMs,
    int endMs,
    String text,
    @Nullable String sentiment,
    boolean interrupted,
    @Nullable Integer heardMs,
    @ColumnTransformer(write = "?::jsonb") String meta,
    Instant createdAt) {}
