package dev.parley.control.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/** One entry of the append-only audit trail of a task or session. */
@MappedEntity("call_events")
public record CallEvent(
    @Id @GeneratedValue @Nullable Long id,
    UUID organizationId,
    @Nullable UUID taskId,
    @Nullable UUID sessionId,
    String type,
    @Nullable String fromState,
    @Nullable String toState,
    @ColumnTransformer(write = "?::jsonb") String detail,
    Instant at) {}
