package dev.parley.control.reception;

import dev.parley.agent.reception.ServiceDesk.Appointment;
import dev.parley.agent.reception.ServiceDesk.Customer;
import dev.parley.agent.reception.ServiceDesk.ServiceOffer;
import dev.parley.agent.reception.ServiceDesk.Vehicle;
import dev.parley.control.dispatch.RawDataSource;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A service centre's calendar in PostgreSQL: its settings, hours and services, its customers'
 * vehicles, the appointments and the bay slots each holds, and messages for call-back. A booking
 * claims one row per bay and slot in {@code appointment_slots}, whose primary key makes a double
 * booking impossible across calls and instances: the first bay whose slots are all free wins, a
 * conflict on every bay means the time was just taken.
 */
@Singleton
public class ServiceCentreStore {

  private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

  private final DataSource db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ServiceCentreStore(DataSource dataSource, Clock clock) {
    this.db = RawDataSource.of(dataSource);
    this.clock = clock;
  }

  /** A centre's settings, hours and services. */
  public record Centre(
      UUID organizationId,
      String businessName,
      ZoneId zone,
      int bays,
      int slotMinutes,
      int minNoticeMinutes,
      Map<Integer, LocalTime[]> hours,
      List<ServiceOffer> services) {}

  /** The centre of {@code org}, if one is set up. */
  public Optional<Centre> centre(UUID org) {
    try (Connection c = db.getConnection()) {
      return centre(c, org);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the service centre failed", e);
    }
  }

  private Optional<Centre> centre(Connection c, UUID org) throws SQLException {
    String name;
    ZoneId zone;
    int bays;
    int slot;
    int notice;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT business_name, time_zone, bays, slot_minutes, min_notice_minutes"
                + " FROM service_centres WHERE organization_id = ?")) {
      ps.setObject(1, org);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        name = rs.getString(1);
        zone = ZoneId.of(rs.getString(2));
        bays = rs.getInt(3);
        slot = rs.getInt(4);
        notice = rs.getInt(5);
      }
    }
    Map<Integer, LocalTime[]> hours = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT weekday, opens, closes FROM service_hours WHERE organization_id = ?")) {
      ps.setObject(1, org);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hours.put(
              rs.getInt(1),
              new LocalTime[] {rs.getTime(2).toLocalTime(), rs.getTime(3).toLocalTime()});
        }
      }
    }
    List<ServiceOffer> services = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT code, name, minutes, price, keywords FROM service_offerings"
                + " WHERE organization_id = ? ORDER BY position, code")) {
      ps.setObject(1, org);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          services.add(
              new ServiceOffer(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getInt(3),
                  rs.getBigDecimal(4),
                  strings(rs.getArray(5))));
        }
      }
    }
    return Optional.of(new Centre(org, name, zone, bays, slot, notice, hours, services));
  }

  /** The contact of {@code org} with number {@code phone}, with their vehicles. */
  public Optional<Customer> customer(UUID org, String phone) {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT ct.name, v.id, v.description, v.keywords FROM contacts ct"
                    + " LEFT JOIN vehicles v ON v.contact_id = ct.id"
                    + " WHERE ct.organization_id = ? AND ct.phone = ?"
                    + " ORDER BY ct.created_at, v.created_at")) {
      ps.setObject(1, org);
      ps.setString(2, phone);
      String name = null;
      List<Vehicle> vehicles = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          name = name == null ? rs.getString(1) : name;
          if (rs.getObject(2) != null) {
            vehicles.add(new Vehicle(rs.getString(2), rs.getString(3), strings(rs.getArray(4))));
          }
        }
      }
      return name == null ? Optional.empty() : Optional.of(new Customer(name, vehicles));
    } catch (SQLException e) {
      throw new IllegalStateException("reading the customer failed", e);
    }
  }

  /**
   * Start times in [{@code from}, {@code to}) where {@code service} fits in opening hours on some
   * bay, at least the centre's notice after now, earliest first.
   */
  public List<ZonedDateTime> openSlots(
      Centre centre, ServiceOffer service, ZonedDateTime from, ZonedDateTime to, int max) {
    ZonedDateTime earliest =
        ZonedDateTime.ofInstant(clock.instant(), centre.zone())
            .plusMinutes(centre.minNoticeMinutes());
    ZonedDateTime lo =
        (from.isAfter(earliest) ? from : earliest).withZoneSameInstant(centre.zone());
    ZonedDateTime hi = to.withZoneSameInstant(centre.zone());
    if (!lo.isBefore(hi) || max <= 0) {
      return List.of();
    }
    Map<Integer, Set<Instant>> taken =
        occupied(centre.organizationId(), lo, hi.plusMinutes(service.minutes()));
    int need = slotsFor(centre, service);
    List<ZonedDateTime> out = new ArrayList<>();
    for (LocalDate day = lo.toLocalDate();
        !day.isAfter(hi.toLocalDate()) && out.size() < max;
        day = day.plusDays(1)) {
      LocalTime[] open = centre.hours().get(day.getDayOfWeek().getValue());
      if (open == null) {
        continue;
      }
      ZonedDateTime start = day.atTime(open[0]).atZone(centre.zone());
      ZonedDateTime close = day.atTime(open[1]).atZone(centre.zone());
      for (ZonedDateTime t = start;
          !t.plusMinutes((long) need * centre.slotMinutes()).isAfter(close) && out.size() < max;
          t = t.plusMinutes(centre.slotMinutes())) {
        if (t.isBefore(lo) || !t.isBefore(hi)) {
          continue;
        }
        if (freeBay(centre, taken, t, need) > 0) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /**
   * Books {@code service} at {@code start} on the first bay with every slot free; empty when none
   * is (the time was taken since it was offered) or the time is outside the calendar.
   */
  public Optional<Appointment> book(
      Centre centre,
      String phone,
      String customerName,
      String vehicleId,
      String vehicleDescription,
      ServiceOffer service,
      ZonedDateTime start,
      UUID sessionId) {
    ZonedDateTime at = start.withZoneSameInstant(centre.zone());
    if (openSlots(centre, service, at, at.plusMinutes(1), 1).isEmpty()) {
      return Optional.empty();
    }
    int need = slotsFor(centre, service);
    Instant now = clock.instant();
    for (int bay = 1; bay <= centre.bays(); bay++) {
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        try {
          UUID id = UUID.randomUUID();
          String code = confirmationCode(centre.businessName());
          UUID contact = contactId(c, centre.organizationId(), phone);
          insertAppointment(
              c,
              centre,
              id,
              phone,
              customerName,
              contact,
              vehicleId,
              vehicleDescription,
              service,
              at,
              bay,
              code,
              sessionId,
              now);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO appointment_slots (organization_id, bay, slot_start, appointment_id)"
                      + " VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < need; i++) {
              ps.setObject(1, centre.organizationId());
              ps.setInt(2, bay);
              ps.setTimestamp(
                  3, Timestamp.from(at.plusMinutes((long) i * centre.slotMinutes()).toInstant()));
              ps.setObject(4, id);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          c.commit();
          String vehicle = vehicleDescription;
          if (vehicleId != null) {
            vehicle = vehicleDescription(c, UUID.fromString(vehicleId));
          }
          return Optional.of(
              new Appointment(
                  id.toString(),
                  code,
                  service.code(),
                  service.name(),
                  vehicle,
                  at,
                  reminderAt(at, now)));
        } catch (SQLException e) {
          c.rollback();
          if (!"23505".equals(e.getSQLState())
              && !(e.getNextException() != null
                  && "23505".equals(e.getNextException().getSQLState()))) {
            throw e;
          }
          // That bay's slot is held: try the next bay.
        }
      } catch (SQLException e) {
        throw new IllegalStateException("booking failed", e);
      }
    }
    return Optional.empty();
  }

  /** The next booked appointment of the caller at {@code phone}. */
  public Optional<Appointment> nextAppointment(Centre centre, String phone) {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT a.id, a.confirmation_code, a.service_code, a.service_name,"
                    + " coalesce(v.description, a.vehicle_description), a.starts_at, a.reminder_due_at"
                    + " FROM appointments a LEFT JOIN vehicles v ON v.id = a.vehicle_id"
                    + " WHERE a.organization_id = ? AND a.customer_phone = ? AND a.status = 'booked'"
                    + " AND a.starts_at > ? ORDER BY a.starts_at LIMIT 1")) {
      ps.setObject(1, centre.organizationId());
      ps.setString(2, phone);
      ps.setTimestamp(3, Timestamp.from(clock.instant()));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Appointment(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant().atZone(centre.zone()),
                rs.getTimestamp(7) == null
                    ? null
                    : rs.getTimestamp(7).toInstant().atZone(centre.zone())));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading appointments failed", e);
    }
  }

  /** Cancels a booked appointment and frees its slots; false when it was not booked. */
  public boolean cancel(UUID org, UUID appointmentId, UUID sessionId) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        int n;
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE appointments SET status = 'cancelled', cancelled_on_session_id = ?, updated_at = ?"
                    + " WHERE id = ? AND organization_id = ? AND status = 'booked'")) {
          ps.setObject(1, sessionId);
          ps.setTimestamp(2, Timestamp.from(clock.instant()));
          ps.setObject(3, appointmentId);
          ps.setObject(4, org);
          n = ps.executeUpdate();
        }
        try (PreparedStatement ps =
            c.prepareStatement("DELETE FROM appointment_slots WHERE appointment_id = ?")) {
          ps.setObject(1, appointmentId);
          ps.executeUpdate();
        }
        c.commit();
        return n == 1;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cancelling failed", e);
    }
  }

  /** Stores a message for the centre's staff. */
  public void takeMessage(UUID org, String phone, String name, String message, UUID sessionId) {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO reception_messages (id, organization_id, caller_phone, caller_name, message,"
                    + " session_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setObject(2, org);
      ps.setString(3, phone);
      ps.setString(4, name);
      ps.setString(5, message.length() > 2000 ? message.substring(0, 2000) : message);
      ps.setObject(6, sessionId);
      ps.setTimestamp(7, Timestamp.from(clock.instant()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("storing the message failed", e);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Reminder calls go out the day before, from this local time. */
  static final LocalTime REMINDER_TIME = LocalTime.of(10, 0);

  /**
   * When an appointment at {@code start} (in the centre's zone) gets its reminder call: the day
   * before at {@link #REMINDER_TIME}; none when that is less than an hour after {@code now} (the
   * booking call itself just confirmed it).
   */
  static ZonedDateTime reminderAt(ZonedDateTime start, Instant now) {
    ZonedDateTime at = start.minusDays(1).with(REMINDER_TIME);
    return at.toInstant().isBefore(now.plusSeconds(3600)) ? null : at;
  }

  private static int slotsFor(Centre centre, ServiceOffer service) {
    return Math.max(1, (service.minutes() + centre.slotMinutes() - 1) / centre.slotMinutes());
  }

  /** The lowest bay free for all {@code need} slots from {@code t}, or 0. */
  private static int freeBay(
      Centre centre, Map<Integer, Set<Instant>> taken, ZonedDateTime t, int need) {
    for (int bay = 1; bay <= centre.bays(); bay++) {
      Set<Instant> held = taken.getOrDefault(bay, Set.of());
      boolean free = true;
      for (int i = 0; i < need && free; i++) {
        free = !held.contains(t.plusMinutes((long) i * centre.slotMinutes()).toInstant());
      }
      if (free) {
        return bay;
      }
    }
    return 0;
  }

  private Map<Integer, Set<Instant>> occupied(UUID org, ZonedDateTime from, ZonedDateTime to) {
    Map<Integer, Set<Instant>> taken = new TreeMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT bay, slot_start FROM appointment_slots"
                    + " WHERE organization_id = ? AND slot_start >= ? AND slot_start < ?")) {
      ps.setObject(1, org);
      ps.setTimestamp(2, Timestamp.from(from.toInstant()));
      ps.setTimestamp(3, Timestamp.from(to.toInstant()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          taken
              .computeIfAbsent(rs.getInt(1), b -> new HashSet<>())
              .add(rs.getTimestamp(2).toInstant());
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the calendar failed", e);
    }
    return taken;
  }

  private void insertAppointment(
      Connection c,
      Centre centre,
      UUID id,
      String phone,
      String customerName,
      UUID contact,
      String vehicleId,
      String vehicleDescription,
      ServiceOffer service,
      ZonedDateTime at,
      int bay,
      String code,
      UUID sessionId,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO appointments (id, organization_id, customer_phone, customer_name, contact_id,"
                + " vehicle_id, vehicle_description, service_code, service_name, starts_at, ends_at, bay,"
                + " status, confirmation_code, booked_on_session_id, created_at, updated_at, reminder_due_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?)")) {
      ps.setObject(1, id);
      ps.setObject(2, centre.organizationId());
      ps.setString(3, phone);
      ps.setString(4, customerName);
      ps.setObject(5, contact);
      ps.setObject(6, vehicleId == null ? null : UUID.fromString(vehicleId));
      ps.setString(7, vehicleDescription);
      ps.setString(8, service.code());
      ps.setString(9, service.name());
      ps.setTimestamp(10, Timestamp.from(at.toInstant()));
      ps.setTimestamp(11, Timestamp.from(at.plusMinutes(service.minutes()).toInstant()));
      ps.setInt(12, bay);
      ps.setString(13, code);
      ps.setObject(14, sessionId);
      Timestamp ts = Timestamp.from(now);
      ps.setTimestamp(15, ts);
      ps.setTimestamp(16, ts);
      ZonedDateTime reminder = reminderAt(at, now);
      ps.setTimestamp(17, reminder == null ? null : Timestamp.from(reminder.toInstant()));
      ps.executeUpdate();
    }
  }

  private static UUID contactId(Connection c, UUID org, String phone) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM contacts WHERE organization_id = ? AND phone = ? ORDER BY created_at LIMIT 1")) {
      ps.setObject(1, org);
      ps.setString(2, phone);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, UUID.class) : null;
      }
    }
  }

  private static String vehicleDescription(Connection c, UUID vehicleId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT description FROM vehicles WHERE id = ?")) {
      ps.setObject(1, vehicleId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** Two letters of the business, a dash and four unambiguous characters: "BG-7K3Q". */
  private String confirmationCode(String businessName) {
    StringBuilder sb = new StringBuilder();
    for (String word : businessName.split("\\s+")) {
      if (!word.isEmpty() && Character.isLetter(word.charAt(0)) && sb.length() < 2) {
        sb.append(Character.toUpperCase(word.charAt(0)));
      }
    }
    while (sb.length() < 2) {
      sb.append('P');
    }
    sb.append('-');
    for (int i = 0; i < 4; i++) {
      sb.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
    }
    return sb.toString();
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return Arrays.asList((String[]) array.getArray());
  }
}
