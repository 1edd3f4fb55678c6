package dev.parley.control.session;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

/** Transcript segments in speaking order. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TranscriptSegmentRepository extends CrudRepository<TranscriptSegment, UUID> {
  List<TranscriptSegment> findByTranscriptIdOrderBySeq(UUID transcriptId);

  @Query(
      "SELECT COALESCE(MAX(seq) + 1, 0) FROM transcript_segments WHERE transcript_id = :transcriptId")
  int nextSeq(UUID transcriptId);
}
