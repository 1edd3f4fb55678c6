package dev.parley.control.notification;

import dev.parley.control.auth.Caller;
import dev.parley.control.infra.Json;
import dev.parley.control.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates and reads user notifications. */
@Singleton
public class NotificationService {
  private final NotificationRepository notifications;
  private final Json json;
  private final Clock clock;

  NotificationService(NotificationRepository notifications, Json json, Clock clock) {
    this.notifications = notifications;
    this.json = json;
    this.clock = clock;
  }

  /** Notifies a user; {@code payload} is stored as a JSON object. */
  public Notification notify(
      UUID organizationId,
      UUID userId,
      @Nullable UUID taskId,
      NotificationType type,
      Map<String, ?> payload) {
    return notifications.save(
        new Notification(
            UUID.randomUUID(),
            organizationId,
            userId,
            taskId,
            type,
            json.write(payload),
            false,
            clock.instant()));
  }

  public List<Notification> list(Caller caller, boolean unreadOnly, int offset, int limit) {
    return notifications.page(caller.userId(), unreadOnly, limit, offset);
  }

  public long count(Caller caller, boolean unreadOnly) {
    return notifications.countFor(caller.userId(), unreadOnly);
  }

  public List<Notification> forTask(UUID taskId) {
    return notifications.findByTaskIdOrderByCreatedAt(taskId);
  }

  /** Marks one of the caller's notifications read; anyone else's is 404. */
  public void markRead(Caller caller, UUID id) {
    if (notifications.markRead(id, caller.userId()) == 0) {
      throw ProblemException.notFound("notification", id);
    }
  }
}
