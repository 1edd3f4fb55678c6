package dev.parley.control.session;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Call sessions (attempts); {@code update} is versioned. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CallSessionRepository extends CrudRepository<CallSession, UUID> {
  Optional<CallSession> findByIdAndOrganizationId(UUID id, UUID organizationId);

  Optional<CallSession> findByProviderCallId(String providerCallId);

  /** Stores why the agent ended the call (see {@code CallSessionService#recordHangUpReason}). */
  @Query("UPDATE call_sessions SET hang_up_reason = :reason WHERE id = :id")
  void updateHangUpReason(UUID id, String reason);

  Optional<CallSession> findByIdempotencyToken(String idempotencyToken);

  List<CallSession> findByTaskIdOrderByAttemptNumber(UUID taskId);
}
