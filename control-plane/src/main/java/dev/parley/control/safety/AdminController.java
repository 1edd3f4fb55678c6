package dev.parley.control.safety;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.parley.control.auth.Caller;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Admin review of flagged calls (role admin, own organisation only). */
@Controller("/api/v1/admin/flagged-calls")
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminController {
  private final CallFlagService flags;

  AdminController(CallFlagService flags) {
    this.flags = flags;
  }

  /** A flag as the API shows it. */
  @Serdeable
  record FlagView(
      UUID id,
      UUID taskId,
      UUID sessionId,
      String reason,
      FlagStatus status,
      String resolution,
      Instant createdAt,
      Instant resolvedAt) {
    static FlagView of(CallFlag f) {
      return new FlagView(
          f.id(),
          f.taskId(),
          f.sessionId(),
          f.reason(),
          f.status(),
          f.resolution(),
          f.createdAt(),
          f.resolvedAt());
    }
  }

  /** Body of a resolution. */
  @Serdeable
  @Introspected
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Resolve(@NotBlank @Size(max = 2000) String resolution) {}

  @Get
  List<FlagView> open(Caller caller) {
    return flags.open(caller).stream().map(FlagView::of).toList();
  }

  @Post("/{id}/resolve")
  FlagView resolve(Caller caller, UUID id, @Body @Valid @NotNull Resolve body) {
    return FlagView.of(flags.resolve(caller, id, body.resolution().strip()));
  }
}
