package dev.parley.control.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A question to the owner that blocks money from being committed: before the call (no session, a
 * pre-approval of the task's price limit) or during it (with the session).
 */
@MappedEntity("approvals")
public record Approval(
    @Id UUID id,
    UUID organizationId,
    UUID taskId,
    @Nullable UUID sessionId,
    @Nullable BigDecimal amount,
    String reason,
    @MappedProperty(converter = ApprovalStatus.Converter.class) ApprovalStatus status,
    @Nullable UUID decidedBy,
    Instant createdAt,
    @Nullable Instant decidedAt) {}
