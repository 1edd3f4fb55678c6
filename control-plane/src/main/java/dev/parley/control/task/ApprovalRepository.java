package dev.parley.control.task;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Approval requests. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApprovalRepository extends CrudRepository<Approval, UUID> {
  Optional<Approval> findByIdAndTaskIdAndOrganizationId(UUID id, UUID taskId, UUID organizationId);

  List<Approval> findByTaskIdOrderByCreatedAt(UUID taskId);
}
