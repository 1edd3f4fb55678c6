package dev.parley.control.safety;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.parley.control.auth.Caller;
import dev.parley.control.phone.PhoneNumbers;
import dev.parley.control.safety.NumberLists.Added;
import dev.parley.control.safety.NumberLists.Change;
import dev.parley.control.safety.NumberLists.Entry;
import dev.parley.control.safety.NumberLists.Kind;
import dev.parley.control.web.PageView;
import dev.parley.control.web.ProblemException;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * The do-not-call list and the allow-list over HTTP. Anyone in the organisation may read both and
 * put a number on the do-not-call list (that only ever narrows who is called); taking a number off
 * it, and changing the allow-list (which widens who may be called in allow-list mode), need the
 * admin role. Adding a listed number again answers 200 with the entry as it was; every change is in
 * the change log.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class NumberListController {
  private final NumberLists lists;
  private final PhoneNumbers phones;

  NumberListController(NumberLists lists, PhoneNumbers phones) {
    this.lists = lists;
    this.phones = phones;
  }

  /** A do-not-call entry as the API shows it. */
  @Serdeable
  record DoNotCallView(UUID id, String phone, @Nullable String reason, Instant createdAt) {
    static DoNotCallView of(Entry e) {
      return new DoNotCallView(e.id(), e.phone(), e.note(), e.createdAt());
    }
  }

  /** An allow-list entry as the API shows it. */
  @Serdeable
  record AllowListView(UUID id, String phone, @Nullable String label, Instant createdAt) {
    static AllowListView of(Entry e) {
      return new AllowListView(e.id(), e.phone(), e.note(), e.createdAt());
    }
  }

  /** A change-log line as the API shows it. */
  @Serdeable
  record ChangeView(
      UUID id,
      String list,
      String phone,
      String action,
      @Nullable String note,
      @Nullable UUID userId,
      @Nullable UUID sessionId,
      Instant at) {
    static ChangeView of(Change c) {
      return new ChangeView(
          c.id(),
          c.list().wire(),
          c.phone(),
          c.action(),
          c.note(),
          c.userId(),
          c.sessionId(),
          c.at());
    }
  }

  /** Body that puts a number on the do-not-call list. */
  @Serdeable
  @Introspected
  @JsonIgnoreProperties(ignoreUnknown = false)
  record AddDoNotCall(@NotBlank String phone, @Nullable @Size(max = 500) String reason) {}

  /** Body that puts a number on the allow-list. */
  @Serdeable
  @Introspected
  @JsonIgnoreProperties(ignoreUnknown = false)
  record AddAllowListed(@NotBlank String phone, @Nullable @Size(max = 500) String label) {}

  @Get("/do-not-call")
  PageView<DoNotCallView> doNotCall(
      Caller caller,
      @Nullable @QueryValue String phone,
      @QueryValue(defaultValue = "0") @Min(0) int offset,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
    return page(caller, Kind.DO_NOT_CALL, phone, offset, limit, DoNotCallView::of);
  }

  @Post("/do-not-call")
  HttpResponse<DoNotCallView> addDoNotCall(Caller caller, @Body @Valid @NotNull AddDoNotCall body) {
    return add(caller, Kind.DO_NOT_CALL, body.phone(), body.reason(), DoNotCallView::of);
  }

  @Get("/do-not-call/{id}")
  DoNotCallView doNotCallEntry(Caller caller, UUID id) {
    return DoNotCallView.of(find(caller, Kind.DO_NOT_CALL, id));
  }

  /** Takes a number off the do-not-call list (admin); {@code reason} goes to the change log. */
  @Delete("/do-not-call/{id}")
  @Status(HttpStatus.NO_CONTENT)
  void removeDoNotCall(
      Caller caller, UUID id, @Nullable @QueryValue @Size(max = 500) String reason) {
    caller.requireAdmin();
    remove(caller, Kind.DO_NOT_CALL, id, reason);
  }

  @Get("/allow-list")
  PageView<AllowListView> allowList(
      Caller caller,
      @Nullable @QueryValue String phone,
      @QueryValue(defaultValue = "0") @Min(0) int offset,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
    return page(caller, Kind.ALLOW_LIST, phone, offset, limit, AllowListView::of);
  }

  @Post("/allow-list")
  HttpResponse<AllowListView> addAllowListed(
      Caller caller, @Body @Valid @NotNull AddAllowListed body) {
    caller.requireAdmin();
    return add(caller, Kind.ALLOW_LIST, body.phone(), body.label(), AllowListView::of);
  }

  @Get("/allow-list/{id}")
  AllowListView allowListEntry(Caller caller, UUID id) {
    return AllowListView.of(find(caller, Kind.ALLOW_LIST, id));
  }

  @Delete("/allow-list/{id}")
  @Status(HttpStatus.NO_CONTENT)
  void removeAllowListed(
      Caller caller, UUID id, @Nullable @QueryValue @Size(max = 500) String reason) {
    caller.requireAdmin();
    remove(caller, Kind.ALLOW_LIST, id, reason);
  }

  /** Who changed either list, when and why, newest first (admin). */
  @Get("/number-list-changes")
  PageView<ChangeView> changes(
      Caller caller,
      @QueryValue(defaultValue = "0") @Min(0) int offset,
      @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
    caller.requireAdmin();
    return new PageView<>(
        lists.changes(caller.organizationId(), offset, limit).stream().map(ChangeView::of).toList(),
        lists.changeCount(caller.organizationId()),
        offset,
        limit,
        null);
  }

  private <T> PageView<T> page(
      Caller caller, Kind kind, String phone, int offset, int limit, Function<Entry, T> view) {
    String wanted = phone == null ? null : phones.normalize("phone", phone);
    UUID org = caller.organizationId();
    return new PageView<>(
        lists.list(org, kind, wanted, offset, limit).stream().map(view).toList(),
        lists.count(org, kind, wanted),
        offset,
        limit,
        null);
  }

  /** 201 with the new entry, or 200 with the entry as it was when the number was listed. */
  private <T> HttpResponse<T> add(
      Caller caller, Kind kind, String phone, String note, Function<Entry, T> view) {
    Added added =
        lists.add(
            caller.organizationId(),
            caller.userId(),
            kind,
            phones.normalize("phone", phone),
            blankToNull(note));
    T body = view.apply(added.entry());
    return added.created() ? HttpResponse.created(body) : HttpResponse.ok(body);
  }

  private Entry find(Caller caller, Kind kind, UUID id) {
    return lists.find(caller.organizationId(), kind, id).orElseThrow(() -> notFound(kind, id));
  }

  private void remove(Caller caller, Kind kind, UUID id, String reason) {
    lists
        .remove(caller.organizationId(), caller.userId(), kind, id, blankToNull(reason))
        .orElseThrow(() -> notFound(kind, id));
  }

  private static ProblemException notFound(Kind kind, UUID id) {
    return ProblemException.notFound(
        kind == Kind.DO_NOT_CALL ? "do-not-call entry" : "allow-list entry", id);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
