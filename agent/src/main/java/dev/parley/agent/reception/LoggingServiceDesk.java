package dev.parley.agent.reception;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** A desk that writes every change it makes into a {@link DeskLog}, for the call's write-up. */
public final class LoggingServiceDesk implements ServiceDesk {
  private final ServiceDesk desk;
  private final DeskLog log;

  public LoggingServiceDesk(ServiceDesk desk, DeskLog log) {
    this.desk = desk;
    this.log = log;
  }

  @Override
  public String businessName() {
    return desk.businessName();
  }

  @Override
  public ZoneId zone() {
    return desk.zone();
  }

  @Override
  public String openingHours() {
    return desk.openingHours();
  }

  @Override
  public List<ServiceOffer> services() {
    return desk.services();
  }

  @Override
  public Optional<Customer> customer(String phone) {
    return desk.customer(phone);
  }

  @Override
  public List<ZonedDateTime> openSlots(
      ServiceOffer service, ZonedDateTime from, ZonedDateTime to, int max) {
    return desk.openSlots(service, from, to, max);
  }

  @Override
  public Optional<Appointment> book(
      String phone,
      String customerName,
      String vehicleId,
      String vehicleDescription,
      ServiceOffer service,
      ZonedDateTime start) {
    Optional<Appointment> a =
        desk.book(phone, customerName, vehicleId, vehicleDescription, service, start);
    a.ifPresent(x -> log.add(new DeskLog.Booked(x, customerName)));
    return a;
  }

  @Override
  public Optional<Appointment> nextAppointment(String phone) {
    return desk.nextAppointment(phone);
  }

  @Override
  public boolean cancel(String appointmentId) {
    boolean done = desk.cancel(appointmentId);
    log.add(new DeskLog.Cancelled(appointmentId, done));
    return done;
  }

  @Override
  public void takeMessage(String phone, String customerName, String message) {
    desk.takeMessage(phone, customerName, message);
    log.add(new DeskLog.Message(customerName, message));
  }
}
