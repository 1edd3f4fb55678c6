package dev.parley.control.auth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API keys. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiKeyRepository extends CrudRepository<ApiKey, UUID> {
  Optional<ApiKey> findByPrefix(String prefix);

  List<ApiKey> findByUserIdOrderByCreatedAtDesc(UUID userId);

  @Query(
      "UPDATE api_keys SET revoked_at = :at WHERE id = :id AND user_id = :userId"
          + " AND revoked_at IS NULL")
  int revoke(UUID id, UUID userId, Instant at);
}
