package dev.parley.control.task;

import dev.parley.control.auth.Caller;
import dev.parley.control.idempotency.IdempotentCreate;
import dev.parley.control.infra.WireEnum;
import dev.parley.control.task.CallTaskCommands.Cancel;
import dev.parley.control.task.CallTaskCommands.Clarify;
import dev.parley.control.task.CallTaskCommands.CreateCallTask;
import dev.parley.control.task.CallTaskCommands.FollowUp;
import dev.parley.control.task.CallTaskCommands.Schedule;
import dev.parley.control.task.CallTaskViews.ApprovalView;
import dev.parley.control.task.CallTaskViews.CallTaskDetails;
import dev.parley.control.task.CallTaskViews.CallTaskPage;
import dev.parley.control.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Call tasks: create from an instruction, list, read, clarify, start, schedule, cancel. */
@Controller("/api/v1/call-tasks")
@ExecuteOn(TaskExecutors.BLOCKING)
class CallTaskController {
  private final CallTaskService tasks;
  private final CallTaskViewMapper views;
  private final IdempotentCreate idempotent;

  CallTaskController(CallTaskService tasks, CallTaskViewMapper views, IdempotentCreate idempotent) {
    this.tasks = tasks;
    this.views = views;
    this.idempotent = idempotent;
  }

  /** Creates a task from natural language and plans it (201 with the planned task). */
  @Post
  HttpResponse<?> create(
      Caller caller,
      @Nullable @Header(IdempotentCreate.HEADER) String idempotencyKey,
      @Body @Valid @NotNull CreateCallTask command) {
    return idempotent.run(
        caller,
        idempotencyKey,
        "POST /api/v1/call-tasks",
        command,
        () -> views.detailsOfNew(tasks.create(caller, command)));
  }

  /**
   * Lists tasks newest first. Filters: {@code status}, {@code createdFrom} (inclusive) and {@code
   * createdTo} (exclusive) as RFC 3339 times. Paging: {@code offset}/{@code limit}, or {@code
   * cursor} from a previous page's {@code nextCursor}.
   */
  @Get
  CallTaskPage list(
      Caller caller,
      @Nullable @QueryValue String status,
      @Nullable @QueryValue String createdFrom,
      @Nullable @QueryValue String createdTo,
      @Nullable @QueryValue String cursor,
      @QueryValue(defaultValue = "0") @Min(0) @Max(100000) int offset,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
    CallTaskStatus statusFilter = null;
    if (status != null) {
      try {
        statusFilter = CallTaskStatus.fromWire(status);
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalidField(
            "status", "must be one of " + WireEnum.tokens(CallTaskStatus.class));
      }
    }
    Instant from = rfc3339("createdFrom", createdFrom);
    Instant to = rfc3339("createdTo", createdTo);
    TaskCursor after = cursor == null ? null : TaskCursor.decode(cursor);
    int effectiveOffset = after == null ? offset : 0;
    List<CallTask> page = tasks.list(caller, statusFilter, from, to, after, effectiveOffset, limit);
    String next = null;
    if (page.size() == limit) {
      CallTask last = page.get(page.size() - 1);
      next = new TaskCursor(last.getCreatedAt(), last.getId()).encode();
    }
    return new CallTaskPage(
        page.stream().map(views::view).toList(),
        tasks.count(caller, statusFilter, from, to),
        effectiveOffset,
        limit,
        next);
  }

  /** A task with its plan, sessions, approvals and latest summary. */
  @Get("/{id}")
  CallTaskDetails get(Caller caller, UUID id) {
    return views.details(tasks.get(caller, id));
  }

  /** Answers what the planner asked; the task becomes ready once nothing is missing. */
  @Patch("/{id}/clarifications")
  CallTaskDetails clarify(Caller caller, UUID id, @Body @Valid @NotNull Clarify command) {
    return views.details(tasks.clarify(caller, id, command));
  }

  @Post("/{id}/start-now")
  CallTaskDetails startNow(Caller caller, UUID id) {
    return views.details(tasks.startNow(caller, id));
  }

  @Post("/{id}/schedule")
  CallTaskDetails schedule(Caller caller, UUID id, @Body @Valid @NotNull Schedule command) {
    return views.details(tasks.schedule(caller, id, command.scheduledFor().toInstant()));
  }

  @Post("/{id}/cancel")
  CallTaskDetails cancel(Caller caller, UUID id, @Body @Valid @Nullable Cancel command) {
    return views.details(tasks.cancel(caller, id, command == null ? null : command.reason()));
  }

  @Post("/{id}/approvals/{approvalId}/approve")
  ApprovalView approve(Caller caller, UUID id, UUID approvalId) {
    return ApprovalView.of(tasks.decide(caller, id, approvalId, true));
  }

  @Post("/{id}/approvals/{approvalId}/decline")
  ApprovalView decline(Caller caller, UUID id, UUID approvalId) {
    return ApprovalView.of(tasks.decide(caller, id, approvalId, false));
  }

  /** Creates a follow-up task to a completed or failed one (201). */
  @Post("/{id}/follow-up")
  HttpResponse<?> followUp(
      Caller caller,
      UUID id,
      @Nullable @Header(IdempotentCreate.HEADER) String idempotencyKey,
      @Body @Valid @NotNull FollowUp command) {
    return idempotent.run(
        caller,
        idempotencyKey,
        "POST /api/v1/call-tasks/" + id + "/follow-up",
        command,
        () -> views.detailsOfNew(tasks.followUp(caller, id, command)));
  }

  private static Instant rfc3339(String field, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ProblemException.invalidField(field, "must be an RFC 3339 time with an offset");
    }
  }
}
