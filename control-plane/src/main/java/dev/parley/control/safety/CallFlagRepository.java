package dev.parley.control.safety;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Call flags, per organisation. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CallFlagRepository extends CrudRepository<CallFlag, UUID> {
  List<CallFlag> findByOrganizationIdAndStatusOrderByCreatedAt(
      UUID organizationId, FlagStatus status);

  Optional<CallFlag> findByIdAndOrganizationId(UUID id, UUID organizationId);
}
