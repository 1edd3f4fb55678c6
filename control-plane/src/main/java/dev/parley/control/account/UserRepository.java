package dev.parley.control.account;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

/** Users; lookups are scoped by organisation. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends CrudRepository<User, UUID> {
  Optional<User> findByIdAndOrganizationId(UUID id, UUID organizationId);

  boolean existsByEmail(String email);
}
