package dev.parley.control.notification;

import dev.parley.control.auth.Caller;
import dev.parley.control.infra.Json;
import dev.parley.control.web.PageView;
import dev.parley.control.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.UUID;

/** The caller's notifications, newest first. */
@Controller("/api/v1/notifications")
@ExecuteOn(TaskExecutors.BLOCKING)
class NotificationController {
  private final NotificationService notifications;
  private final Json json;

  NotificationController(NotificationService notifications, Json json) {
    this.notifications = notifications;
    this.json = json;
  }

  /** A notification as the API shows it. */
  @Serdeable
  record NotificationView(
      UUID id,
      UUID taskId,
      NotificationType type,
      JsonNode payload,
      boolean read,
      Instant createdAt) {}

  @Get
  PageView<NotificationView> list(
      Caller caller,
      @Nullable @QueryValue String unread,
      @QueryValue(defaultValue = "0") @Min(0) int offset,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
    boolean unreadOnly;
    if (unread == null || unread.equals("false")) {
      unreadOnly = false;
    } else if (unread.equals("true")) {
      unreadOnly = true;
    } else {
      throw ProblemException.invalidField("unread", "must be true or false");
    }
    return new PageView<>(
        notifications.list(caller, unreadOnly, offset, limit).stream()
            .map(
                n ->
                    new NotificationView(
                        n.id(),
                        n.taskId(),
                        n.type(),
                        json.tree(n.payload()),
                        n.read(),
                        n.createdAt()))
            .toList(),
        notifications.count(caller, unreadOnly),
        offset,
        limit,
        null);
  }

  @Post("/{id}/read")
  @Status(HttpStatus.NO_CONTENT)
  void markRead(Caller caller, UUID id) {
    notifications.markRead(caller, id);
  }
}
