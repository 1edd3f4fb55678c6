package dev.parley.agent.reception;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service centre held in memory for the receptionist's unit tests: open 8 AM to 5 PM on weekdays,
 * one bay, hourly slots.
 */
public final class InMemoryServiceDesk implements ServiceDesk {
  public static final ZoneId ZONE = ZoneId.of("America/New_York");
  public static final String KNOWN = "+12125550142";

  static final ServiceOffer OIL =
      new ServiceOffer(
          "oil_change", "oil change", 45, new BigDecimal("59.00"), List.of("oil", "lube"));
  static final ServiceOffer BRAKES =
      new ServiceOffer(
          "brake_inspection",
          "brake inspection",
          60,
          new BigDecimal("89.00"),
          List.of("brake", "brakes"));

  public final Map<String, Appointment> booked = new LinkedHashMap<>();
  public final List<String> messages = new ArrayList<>();
  public final List<ZonedDateTime> blocked = new ArrayList<>();

  @Override
  public String businessName() {
    return "Bright Gear Auto Service";
  }

  @Override
  public ZoneId zone() {
    return ZONE;
  }

  @Override
  public String openingHours() {
    return "Monday to Friday, 8 AM to 5 PM";
  }

  @Override
  public List<ServiceOffer> services() {
    return List.of(OIL, BRAKES);
  }

  @Override
  public Optional<Customer> customer(String phone) {
    return KNOWN.equals(phone)
        ? Optional.of(
            new Customer(
                "Jordan Lee",
                List.of(new Vehicle("v1", "2019 Toyota Camry", List.of("camry", "toyota")))))
        : Optional.empty();
  }

  @Override
  public List<ZonedDateTime> openSlots(
      ServiceOffer service, ZonedDateTime from, ZonedDateTime to, int max) {
    List<ZonedDateTime> out = new ArrayList<>();
    ZonedDateTime t = from.withZoneSameInstant(ZONE);
    if (!t.equals(t.truncatedTo(ChronoUnit.HOURS))) {
      t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
    }
    for (; t.isBefore(to) && out.size() < max; t = t.plusHours(1)) {
      boolean weekday =
          t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY;
      if (weekday && t.getHour() >= 8 && t.getHour() < 17 && !taken(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private boolean taken(ZonedDateTime t) {
    return blocked.stream().anyMatch(b -> b.toInstant().equals(t.toInstant()))
        || booked.values().stream().anyMatch(a -> a.start().toInstant().equals(t.toInstant()));
  }

  @Override
  public Optional<Appointment> book(
      String phone,
      String customerName,
      String vehicleId,
      String vehicleDescription,
      ServiceOffer service,
      ZonedDateTime start) {
    if (taken(start)) {
      return Optional.empty();
    }
    String id = "a" + (booked.size() + 1);
    String vehicle = vehicleId != null ? "2019 Toyota Camry" : vehicleDescription;
    Appointment a =
        new Appointment(
            id,
            "BG-7K3Q",
            service.code(),
            service.name(),
            vehicle,
            start,
            start.minusDays(1).withHour(10).withMinute(0));
    booked.put(id, a);
    return Optional.of(a);
  }

  @Override
  public Optional<Appointment> nextAppointment(String phone) {
    return booked.values().stream().findFirst();
  }

  @Override
  public boolean cancel(String appointmentId) {
    return booked.remove(appointmentId) != null;
  }

  @Override
  public void takeMessage(String phone, String customerName, String message) {
    messages.add(message);
  }
}
