package dev.parley.control.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Call tasks. Reads for the API are scoped by organisation; {@code update} checks {@code version}
 * and throws {@link io.micronaut.data.exceptions.OptimisticLockException} on a lost race.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CallTaskRepository extends CrudRepository<CallTask, UUID> {
  /** The name of the partial unique index "one active task per organisation and number". */
  String ONE_ACTIVE_PER_PHONE = "call_tasks_one_active_per_phone";

  Optional<CallTask> findByIdAndOrganizationId(UUID id, UUID organizationId);

  /** The task that holds the organisation's active slot for a number, if any. */
  @Query(
      "SELECT * FROM call_tasks WHERE organization_id = :organizationId AND target_phone = :phone"
          + " AND status IN ('ready_to_call', 'scheduled', 'dialing', 'in_progress')")
  Optional<CallTask> findActive(UUID organizationId, String phone);

  /**
   * One page of an organisation's tasks, newest first, with optional filters; {@code afterCreated}
   * and {@code afterId} continue after a cursor (keyset paging).
   */
  @Query(
      "SELECT * FROM call_tasks WHERE organization_id = :organizationId"
          + " AND (CAST(:statusFilter AS text) IS NULL OR status = CAST(:statusFilter AS text))"
          + " AND (CAST(:createdFrom AS timestamptz) IS NULL OR created_at >= :createdFrom)"
          + " AND (CAST(:createdTo AS timestamptz) IS NULL OR created_at < :createdTo)"
          + " AND (CAST(:afterCreated AS timestamptz) IS NULL"
          + "      OR (created_at, id) < (CAST(:afterCreated AS timestamptz), CAST(:afterId AS uuid)))"
          + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
  List<CallTask> page(
      UUID organizationId,
      @Nullable String statusFilter,
      @Nullable Instant createdFrom,
      @Nullable Instant createdTo,
      @Nullable Instant afterCreated,
      @Nullable UUID afterId,
      int limit,
      int offset);

  @Query(
      "SELECT count(*) FROM call_tasks WHERE organization_id = :organizationId"
          + " AND (CAST(:statusFilter AS text) IS NULL OR status = CAST(:statusFilter AS text))"
          + " AND (CAST(:createdFrom AS timestamptz) IS NULL OR created_at >= :createdFrom)"
          + " AND (CAST(:createdTo AS timestamptz) IS NULL OR created_at < :createdTo)")
  long countMatching(
      UUID organizationId,
      @Nullable String statusFilter,
      @Nullable Instant createdFrom,
      @Nullable Instant createdTo);
}
