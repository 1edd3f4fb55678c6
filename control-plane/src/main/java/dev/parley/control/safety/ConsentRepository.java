package dev.parley.control.safety;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

/** Consents and attestations. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ConsentRepository extends CrudRepository<Consent, UUID> {
  List<Consent> findByTaskId(UUID taskId);
}
