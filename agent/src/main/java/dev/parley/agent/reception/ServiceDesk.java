package dev.parley.agent.reception;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What the receptionist can look up and change at the service centre it answers for: its customers
 * and their vehicles, its services, its calendar. The control plane implements it over its
 * database, bound to one organisation and one call (which every change it makes records); calls
 * happen during a turn, so each should be quick.
 */
public interface ServiceDesk {

  /** The centre's name as the receptionist says it ("Bright Gear Auto Service"). */
  String businessName();

  /** The centre's time zone: slots are offered and understood in it. */
  ZoneId zone();

  /** Opening hours in one spoken sentence ("Monday to Friday, 8 AM to 6 PM"). */
  String openingHours();

  /** The services that can be booked. */
  List<ServiceOffer> services();

  /** The customer calling from {@code phone} (E.164), when the centre knows the number. */
  Optional<Customer> customer(String phone);

  /**
   * Up to {@code max} start times, earliest first, when {@code service} can be booked within
   * [{@code from}, {@code to}).
   */
  List<ZonedDateTime> openSlots(
      ServiceOffer service, ZonedDateTime from, ZonedDateTime to, int max);

  /**
   * Books {@code service} at {@code start}; empty when the slot was taken in the meantime.
   *
   * @param phone the customer's number (E.164)
   * @param customerName the customer's name as known or given on the call, or null
   * @param vehicleId the customer's vehicle, or null when not on file
   * @param vehicleDescription the vehicle as the customer described it, when not on file, or null
   */
  Optional<Appointment> book(
      String phone,
      String customerName,
      String vehicleId,
      String vehicleDescription,
      ServiceOffer service,
      ZonedDateTime start);

  /** The customer's next booked appointment, if any. */
  Optional<Appointment> nextAppointment(String phone);

  /** Cancels an appointment; false when it was not booked (already cancelled, say). */
  boolean cancel(String appointmentId);

  /** Leaves a message for the centre's staff to call back. */
  void takeMessage(String phone, String customerName, String message);

  /**
   * A bookable service.
   *
   * @param code stable identifier ("oil_change")
   * @param name how it is said ("oil change")
   * @param minutes how long it takes
   * @param price its price, or null when quoted on inspection
   * @param keywords words that name it in a caller's sentence ("oil", "lube")
   */
  record ServiceOffer(
      String code, String name, int minutes, BigDecimal price, List<String> keywords) {
    public ServiceOffer {
      keywords = List.copyOf(keywords);
    }
  }

  /**
   * A known customer.
   *
   * @param name full name
   * @param vehicles their vehicles on file
   */
  record Customer(String name, List<Vehicle> vehicles) {
    public Customer {
      vehicles = List.copyOf(vehicles);
    }

    /** The first name, for a friendly greeting. */
    public String firstName() {
      int space = name.indexOf(' ');
      return space < 0 ? name : name.substring(0, space);
    }
  }

  /**
   * A vehicle on file.
   *
   * @param id its identifier
   * @param description year, make and model as said ("2019 Toyota Camry")
   * @param keywords words that name it ("camry", "toyota")
   */
  record Vehicle(String id, String description, List<String> keywords) {
    public Vehicle {
      keywords = List.copyOf(keywords);
    }
  }

  /**
   * A booked appointment.
   *
   * @param id its identifier
   * @param confirmationCode what the customer quotes ("BG-7K3Q")
   * @param serviceCode the service's code
   * @param serviceName the service as said
   * @param vehicle the vehicle as said, or null
   * @param start when it starts, in the centre's zone
   * @param reminderAt when the customer will get a reminder call, or null when none is planned
   */
  record Appointment(
      String id,
      String confirmationCode,
      String serviceCode,
      String serviceName,
      String vehicle,
      ZonedDateTime start,
      ZonedDateTime reminderAt) {}
}
