package dev.parley.control.contact;

import dev.parley.control.auth.Caller;
import dev.parley.control.idempotency.IdempotentCreate;
import dev.parley.control.web.PageView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Contacts CRUD. */
@Controller("/api/v1/contacts")
@ExecuteOn(TaskExecutors.BLOCKING)
class ContactController {
  private final ContactService contacts;
  private final IdempotentCreate idempotent;

  ContactController(ContactService contacts, IdempotentCreate idempotent) {
    this.contacts = contacts;
    this.idempotent = idempotent;
  }

  @Post
  HttpResponse<?> create(
      Caller caller,
      @Nullable @Header(IdempotentCreate.HEADER) String idempotencyKey,
      @Body @Valid @NotNull ContactCommand command) {
    return idempotent.run(
        caller,
        idempotencyKey,
        "POST /api/v1/contacts",
        command,
        () -> ContactView.of(contacts.create(caller, command)));
  }

  @Get
  PageView<ContactView> list(
      Caller caller,
      @QueryValue(defaultValue = "0") @Min(0) int offset,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
    return new PageView<>(
        contacts.list(caller, offset, limit).stream().map(ContactView::of).toList(),
        contacts.count(caller),
        offset,
        limit,
        null);
  }

  @Get("/{id}")
  ContactView get(Caller caller, UUID id) {
    return ContactView.of(contacts.get(caller, id));
  }

  @Put("/{id}")
  ContactView replace(Caller caller, UUID id, @Body @Valid @NotNull ContactCommand command) {
    return ContactView.of(contacts.replace(caller, id, command));
  }

  @Delete("/{id}")
  @Status(HttpStatus.NO_CONTENT)
  void delete(Caller caller, UUID id) {
    contacts.delete(caller, id);
  }
}
