package dev.parley.control.reception;

import dev.parley.agent.reception.ServiceDesk;
import dev.parley.control.reception.ServiceCentreStore.Centre;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The receptionist's view of one organisation's service centre during one call: reads go to the
 * store, and every change (a booking, a cancellation, a message) is made on behalf of the call and
 * reported to {@code audit} for its event trail.
 */
final class CallServiceDesk implements ServiceDesk {

  private final ServiceCentreStore store;
  private final Centre centre;
  private final UUID sessionId;
  private final BiConsumer<String, Map<String, Object>> audit;

  CallServiceDesk(
      ServiceCentreStore store,
      Centre centre,
      UUID sessionId,
      BiConsumer<String, Map<String, Object>> audit) {
    this.store = store;
    this.centre = centre;
    this.sessionId = sessionId;
    this.audit = audit;
  }

  @Override
  public String businessName() {
    return centre.businessName();
  }

  @Override
  public ZoneId zone() {
    return centre.zone();
  }

  @Override
  public String openingHours() {
    return OpeningHours.spoken(centre.hours());
  }

  @Override
  public List<ServiceOffer> services() {
    return centre.services();
  }

  @Override
  public Optional<Customer> customer(String phone) {
    return store.customer(centre.organizationId(), phone);
  }

  @Override
  public List<ZonedDateTime> openSlots(
      ServiceOffer service, ZonedDateTime from, ZonedDateTime to, int max) {
    return store.openSlots(centre, service, from, to, max);
  }

  @Override
  public Optional<Appointment> book(
      String phone,
      String customerName,
      String vehicleId,
      String vehicleDescription,
      ServiceOffer service,
      ZonedDateTime start) {
    Optional<Appointment> booked =
        store.book(
            centre, phone, customerName, vehicleId, vehicleDescription, service, start, sessionId);
    booked.ifPresentOrElse(
        a ->
            audit.accept(
                "reception.appointment_booked",
                Map.of(
                    "appointment_id", a.id(),
                    "service", a.serviceCode(),
                    "starts_at", a.start().toOffsetDateTime().toString(),
                    "confirmation_code", a.confirmationCode())),
        () ->
            audit.accept(
                "reception.slot_taken",
                Map.of(
                    "service", service.code(), "starts_at", start.toOffsetDateTime().toString())));
    return booked;
  }

  @Override
  public Optional<Appointment> nextAppointment(String phone) {
    return store.nextAppointment(centre, phone);
  }

  @Override
  public boolean cancel(String appointmentId) {
    boolean done = store.cancel(centre.organizationId(), UUID.fromString(appointmentId), sessionId);
    audit.accept(
        "reception.appointment_cancelled",
        Map.of("appointment_id", appointmentId, "cancelled", done));
    return done;
  }

  @Override
  public void takeMessage(String phone, String customerName, String message) {
    store.takeMessage(centre.organizationId(), phone, customerName, message, sessionId);
    audit.accept("reception.message_taken", Map.of("from", phone));
  }
}
