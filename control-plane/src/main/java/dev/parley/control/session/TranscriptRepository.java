package dev.parley.control.session;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

/** Transcripts. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TranscriptRepository extends CrudRepository<Transcript, UUID> {
  Optional<Transcript> findBySessionId(UUID sessionId);

  /** Creates the session's transcript unless it exists (concurrent appends race here). */
  @Query(
      "INSERT INTO transcripts (id, organization_id, session_id, language, created_at)"
          + " VALUES (:id, :organizationId, :sessionId, :language, :createdAt)"
          + " ON CONFLICT (session_id) DO NOTHING")
  int insertIfAbsent(
      UUID id, UUID organizationId, UUID sessionId, String language, java.time.Instant createdAt);
}
