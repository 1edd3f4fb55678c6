package dev.parley.control.session;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

/** Extracted data. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ExtractedDatumRepository extends CrudRepository<ExtractedDatum, UUID> {
  List<ExtractedDatum> findBySessionIdOrderByCreatedAt(UUID sessionId);

  List<ExtractedDatum> findByTaskIdOrderByCreatedAt(UUID taskId);
}
