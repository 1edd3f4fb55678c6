package dev.parley.control.safety;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.UUID;

/**
 * The do-not-call and allow-list tables: the dispatcher asks before each dial, an admin edits them.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NumberListRepository extends GenericRepository<CallFlag, UUID> {
  @Query(
      "SELECT EXISTS (SELECT 1 FROM do_not_call_numbers"
          + " WHERE organization_id = :organizationId AND phone = :phone)")
  boolean isDoNotCall(UUID organizationId, String phone);

  @Query(
      "SELECT EXISTS (SELECT 1 FROM allow_listed_numbers"
          + " WHERE organization_id = :organizationId AND phone = :phone)")
  boolean isAllowListed(UUID organizationId, String phone);

  @Query(
      "INSERT INTO do_not_call_numbers (id, organization_id, phone, reason, created_at)"
          + " VALUES (:id, :organizationId, :phone, :reason, :at) ON CONFLICT DO NOTHING")
  int addDoNotCall(UUID id, UUID organizationId, String phone, String reason, Instant at);

  @Query(
      "INSERT INTO allow_listed_numbers (id, organization_id, phone, label, created_at)"
          + " VALUES (:id, :organizationId, :phone, :label, :at) ON CONFLICT DO NOTHING")
  int addAllowListed(UUID id, UUID organizationId, String phone, String label, Instant at);
}
