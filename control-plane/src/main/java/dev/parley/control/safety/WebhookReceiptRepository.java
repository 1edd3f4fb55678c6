package dev.parley.control.safety;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.UUID;

/**
 * Webhook deduplication: {@link #firstReceipt} returns true only for the first delivery of a
 * provider event key, so a repeated callback is recognised in one statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WebhookReceiptRepository extends GenericRepository<CallFlag, UUID> {
  @Query(
      "INSERT INTO webhook_receipts (id, provider, provider_event_key, received_at)"
          + " VALUES (:id, :provider, :eventKey, :at) ON CONFLICT DO NOTHING")
  int insertIfAbsent(UUID id, String provider, String eventKey, Instant at);

  /** True if this is the first time {@code eventKey} from {@code provider} was seen. */
  default boolean firstReceipt(String provider, String eventKey, Instant at) {
    return insertIfAbsent(UUID.randomUUID(), provider, eventKey, at) == 1;
  }
}
