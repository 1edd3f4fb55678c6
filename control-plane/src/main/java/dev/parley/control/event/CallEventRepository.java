package dev.parley.control.event;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Append and read only: the table refuses updates and deletes. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CallEventRepository extends GenericRepository<CallEvent, Long> {
  CallEvent save(CallEvent event);

  List<CallEvent> findByTaskIdOrderById(UUID taskId);

  List<CallEvent> findBySessionIdOrderById(UUID sessionId);
}
