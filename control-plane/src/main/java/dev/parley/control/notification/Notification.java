package dev.parley.control.notification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.sql.ColumnTransformer;
import java.time.Instant;
import java.util.UUID;

/** Something a user should know about one of their calls. */
@MappedEntity("notifications")
public record Notification(
    @Id UUID id,
    UUID organizationId,
    UUID userId,
    @Nullable UUID taskId,
    @MappedProperty(converter = NotificationType.Converter.class) NotificationType type,
    @ColumnTransformer(write = "?::jsonb") String payload,
    boolean read,
    Instant createdAt) {}
