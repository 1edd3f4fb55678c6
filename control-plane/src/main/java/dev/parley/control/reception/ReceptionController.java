package dev.parley.control.reception;

import dev.parley.control.auth.Caller;
import dev.parley.control.reception.ReceptionViews.AppointmentView;
import dev.parley.control.reception.ReceptionViews.CentreView;
import dev.parley.control.reception.ReceptionViews.MessageView;
import dev.parley.control.reception.ReceptionViews.VehicleView;
import dev.parley.control.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reception: the service centre the receptionist answers for (admins set it up), the vehicles on
 * file for contacts, and the appointments and messages it took.
 */
@Controller("/api/v1/reception")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReceptionController {
  private static final Set<String> STATUSES = Set.of("booked", "cancelled");

  private final ReceptionAdmin admin;
  private final Clock clock;

  ReceptionController(ReceptionAdmin admin, Clock clock) {
    this.admin = admin;
    this.clock = clock;
  }

  @Put("/centre")
  CentreView setCentre(Caller caller, @Body @Valid @NotNull CentreCommand command) {
    caller.requireAdmin();
    return admin.setCentre(caller.organizationId(), caller.userId(), command);
  }

  @Get("/centre")
  CentreView centre(Caller caller) {
    return admin.centre(caller.organizationId());
  }

  @Post("/contacts/{contactId}/vehicles")
  @Status(HttpStatus.CREATED)
  VehicleView addVehicle(
      Caller caller, UUID contactId, @Body @Valid @NotNull VehicleCommand command) {
    return admin.addVehicle(caller.organizationId(), contactId, command);
  }

  /** Appointments from {@code from} (default now) for {@code days} days (default 14). */
  @Get("/appointments")
  List<AppointmentView> appointments(
      Caller caller,
      @Nullable @QueryValue String from,
      @QueryValue(defaultValue = "14") @Min(1) @Max(92) int days,
      @Nullable @QueryValue String status) {
    Instant start;
    try {
      start = from == null ? clock.instant() : Instant.parse(from);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalidField("from", "not an ISO-8601 instant (2026-11-23T00:00:00Z)");
    }
    if (status != null && !STATUSES.contains(status)) {
      throw ProblemException.invalidField("status", "must be booked or cancelled");
    }
    return admin.appointments(
        caller.organizationId(), start, start.plus(Duration.ofDays(days)), status);
  }

  @Get("/messages")
  List<MessageView> messages(
      Caller caller, @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
    return admin.messages(caller.organizationId(), limit);
  }
}
