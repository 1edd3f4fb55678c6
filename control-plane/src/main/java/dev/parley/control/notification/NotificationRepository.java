package dev.parley.control.notification;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

/** Notifications of one user. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NotificationRepository extends CrudRepository<Notification, UUID> {
  @Query(
      "SELECT * FROM notifications WHERE user_id = :userId AND (:unreadOnly = false OR read = false)"
          + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
  List<Notification> page(UUID userId, boolean unreadOnly, int limit, int offset);

  @Query(
      "SELECT count(*) FROM notifications WHERE user_id = :userId"
          + " AND (:unreadOnly = false OR read = false)")
  long countFor(UUID userId, boolean unreadOnly);

  List<Notification> findByTaskIdOrderByCreatedAt(UUID taskId);

  @Query("UPDATE notifications SET read = true WHERE id = :id AND user_id = :userId")
  int markRead(UUID id, UUID userId);
}
