package dev.parley.control.task;

import dev.parley.control.auth.Caller;
import dev.parley.control.idempotency.IdempotentCreate;
import dev.parley.control.task.CallTaskCommands.CreateB2bCall;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Business-to-business calls: refused unless all five attestations are affirmed and signed; the
 * client's address is recorded with them. The response carries the estimated cost.
 */
@Controller("/api/v1/b2b-calls")
@ExecuteOn(TaskExecutors.BLOCKING)
class B2bCallController {
  private final CallTaskService tasks;
  private final CallTaskViewMapper views;
  private final IdempotentCreate idempotent;

  B2bCallController(CallTaskService tasks, CallTaskViewMapper views, IdempotentCreate idempotent) {
    this.tasks = tasks;
    this.views = views;
    this.idempotent = idempotent;
  }

  @Post
  HttpResponse<?> create(
      Caller caller,
      HttpRequest<?> request,
      @Nullable @Header(IdempotentCreate.HEADER) String idempotencyKey,
      @Body @Valid @NotNull CreateB2bCall command) {
    // The socket's peer address: a forwarded-for header is not trusted without a known proxy.
    String clientIp = request.getRemoteAddress().getAddress().getHostAddress();
    return idempotent.run(
        caller,
        idempotencyKey,
        "POST /api/v1/b2b-calls",
        command,
        () -> views.detailsOfNew(tasks.createB2b(caller, command, clientIp)));
  }
}
