package dev.parley.control.reception;

import dev.parley.agent.reception.ServiceDesk.ServiceOffer;
import dev.parley.control.dispatch.RawDataSource;
import dev.parley.control.reception.ReceptionViews.AppointmentView;
import dev.parley.control.reception.ReceptionViews.CentreView;
import dev.parley.control.reception.ReceptionViews.MessageView;
import dev.parley.control.reception.ReceptionViews.ServiceView;
import dev.parley.control.reception.ReceptionViews.VehicleView;
import dev.parley.control.reception.ServiceCentreStore.Centre;
import dev.parley.control.web.ProblemException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The staff's side of reception: setting up the centre, adding vehicles to contacts, and reading
 * the appointments and messages the receptionist took. Every read and write is scoped to the
 * caller's organisation.
 */
@Singleton
public class ReceptionAdmin {

  private final ServiceCentreStore store;
  private final DataSource db;
  private final Clock clock;

  public ReceptionAdmin(ServiceCentreStore store, DataSource dataSource, Clock clock) {
    this.store = store;
    this.db = RawDataSource.of(dataSource);
    this.clock = clock;
  }

  /**
   * Replaces the centre's settings, hours and services in one transaction; {@code userId} (who set
   * it up) is the user its reminder calls are placed for.
   */
  public CentreView setCentre(UUID org, UUID userId, CentreCommand cmd) {
    ZoneId zone = zone(cmd.timeZone());
    Set<Integer> days = new HashSet<>();
    for (int i = 0; i < cmd.hours().size(); i++) {
      CentreCommand.Hours h = cmd.hours().get(i);
      int day = DayOfWeek.valueOf(h.weekday().toUpperCase(Locale.ROOT)).getValue();
      if (!days.add(day)) {
        throw ProblemException.invalidField("hours[" + i + "].weekday", "given twice");
      }
      if (!LocalTime.parse(h.opens()).isBefore(LocalTime.parse(h.closes()))) {
        throw ProblemException.invalidField("hours[" + i + "].closes", "must be after opens");
      }
    }
    if (60 % cmd.slotMinutes() != 0) {
      throw ProblemException.invalidField("slotMinutes", "must be 15, 20, 30 or 60");
    }
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < cmd.services().size(); i++) {
      if (!codes.add(cmd.services().get(i).code())) {
        throw ProblemException.invalidField("services[" + i + "].code", "given twice");
      }
    }
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        write(c, org, userId, zone, cmd);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("saving the service centre failed", e);
    }
    return centre(org);
  }

  /** The centre as set up; 404 when it is not. */
  public CentreView centre(UUID org) {
    Centre c =
        store.centre(org).orElseThrow(() -> ProblemException.notFound("service centre", org));
    List<CentreCommand.Hours> hours = new ArrayList<>();
    for (Map.Entry<Integer, LocalTime[]> e : c.hours().entrySet()) {
      hours.add(
          new CentreCommand.Hours(
              DayOfWeek.of(e.getKey())
                  .getDisplayName(TextStyle.FULL, Locale.US)
                  .toLowerCase(Locale.ROOT),
              e.getValue()[0].toString(),
              e.getValue()[1].toString()));
    }
    List<ServiceView> services = new ArrayList<>();
    for (ServiceOffer s : c.services()) {
      services.add(new ServiceView(s.code(), s.name(), s.minutes(), s.price(), s.keywords()));
    }
    return new CentreView(
        c.businessName(),
        c.zone().getId(),
        c.bays(),
        c.slotMinutes(),
        c.minNoticeMinutes(),
        OpeningHours.spoken(c.hours()),
        hours,
        services);
  }

  /** Adds a vehicle to a contact of the organisation; 404 for a contact it does not have. */
  public VehicleView addVehicle(UUID org, UUID contactId, VehicleCommand cmd) {
    UUID id = UUID.randomUUID();
    String description = cmd.description().strip();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO vehicles (id, organization_id, contact_id, description, keywords, plate, created_at)"
                    + " SELECT ?, ?, ct.id, ?, ?, ?, ? FROM contacts ct WHERE ct.id = ? AND ct.organization_id = ?")) {
      ps.setObject(1, id);
      ps.setObject(2, org);
      ps.setString(3, description);
      ps.setArray(4, c.createArrayOf("text", keywords(description)));
      ps.setString(5, cmd.plate());
      ps.setTimestamp(6, Timestamp.from(clock.instant()));
      ps.setObject(7, contactId);
      ps.setObject(8, org);
      if (ps.executeUpdate() == 0) {
        throw ProblemException.notFound("contact", contactId);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("adding the vehicle failed", e);
    }
    return new VehicleView(id, contactId, description, cmd.plate());
  }

  /** Appointments starting in [from, to), by start time; {@code status} null for any. */
  public List<AppointmentView> appointments(UUID org, Instant from, Instant to, String status) {
    List<AppointmentView> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT a.id, a.status, a.confirmation_code, a.customer_phone, a.customer_name,"
                    + " coalesce(v.description, a.vehicle_description), a.service_code, a.service_name,"
                    + " a.starts_at, a.ends_at, a.bay, a.booked_on_session_id"
                    + " FROM appointments a LEFT JOIN vehicles v ON v.id = a.vehicle_id"
                    + " WHERE a.organization_id = ? AND a.starts_at >= ? AND a.starts_at < ?"
                    + " AND (?::text IS NULL OR a.status = ?) ORDER BY a.starts_at, a.bay LIMIT 500")) {
      ps.setObject(1, org);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setTimestamp(3, Timestamp.from(to));
      ps.setString(4, status);
      ps.setString(5, status);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new AppointmentView(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getTimestamp(9).toInstant().atOffset(ZoneOffset.UTC),
                  rs.getTimestamp(10).toInstant().atOffset(ZoneOffset.UTC),
                  rs.getInt(11),
                  rs.getObject(12, UUID.class)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading appointments failed", e);
    }
    return out;
  }

  /** The newest messages first. */
  public List<MessageView> messages(UUID org, int limit) {
    List<MessageView> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, caller_phone, caller_name, message, session_id, created_at FROM reception_messages"
                    + " WHERE organization_id = ? ORDER BY created_at DESC LIMIT ?")) {
      ps.setObject(1, org);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new MessageView(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getObject(5, UUID.class),
                  rs.getTimestamp(6).toInstant().atOffset(ZoneOffset.UTC)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading messages failed", e);
    }
    return out;
  }

  private void write(Connection c, UUID org, UUID userId, ZoneId zone, CentreCommand cmd)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO service_centres (organization_id, business_name, time_zone, bays, slot_minutes,"
                + " min_notice_minutes, updated_at, owner_user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (organization_id) DO UPDATE SET business_name = excluded.business_name,"
                + " time_zone = excluded.time_zone, bays = excluded.bays, slot_minutes = excluded.slot_minutes,"
                + " min_notice_minutes = excluded.min_notice_minutes, updated_at = excluded.updated_at,"
                + " owner_user_id = excluded.owner_user_id")) {
      ps.setObject(1, org);
      ps.setString(2, cmd.businessName().strip());
      ps.setString(3, zone.getId());
      ps.setInt(4, cmd.bays());
      ps.setInt(5, cmd.slotMinutes());
      ps.setInt(6, cmd.minNoticeMinutes() == null ? 60 : cmd.minNoticeMinutes());
      ps.setTimestamp(7, Timestamp.from(clock.instant()));
      ps.setObject(8, userId);
      ps.executeUpdate();
    }
    for (String table : List.of("service_hours", "service_offerings")) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + table + " WHERE organization_id = ?")) {
        ps.setObject(1, org);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO service_hours (organization_id, weekday, opens, closes) VALUES (?, ?, ?, ?)")) {
      for (CentreCommand.Hours h : cmd.hours()) {
        ps.setObject(1, org);
        ps.setInt(2, DayOfWeek.valueOf(h.weekday().toUpperCase(Locale.ROOT)).getValue());
        ps.setTime(3, Time.valueOf(LocalTime.parse(h.opens())));
        ps.setTime(4, Time.valueOf(LocalTime.parse(h.closes())));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO service_offerings (organization_id, code, name, minutes, price, keywords, position)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (CentreCommand.Service s : cmd.services()) {
        List<String> keywords = new ArrayList<>();
        if (s.keywords() != null) {
          s.keywords().forEach(k -> keywords.add(k.strip().toLowerCase(Locale.ROOT)));
        }
        keywords.add(s.name().strip().toLowerCase(Locale.ROOT));
        ps.setObject(1, org);
        ps.setString(2, s.code());
        ps.setString(3, s.name().strip());
        ps.setInt(4, s.minutes());
        ps.setBigDecimal(5, s.price());
        ps.setArray(6, c.createArrayOf("text", keywords.toArray()));
        ps.setInt(7, position++);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw ProblemException.invalidField("timeZone", "not a known time zone: " + id);
    }
  }

  /** Words that name a vehicle in speech: make and model, not the year. */
  private static Object[] keywords(String description) {
    List<String> out = new ArrayList<>();
    for (String w : description.toLowerCase(Locale.ROOT).split("[^a-z0-9-]+")) {
      if (!w.isEmpty() && !w.matches("(19|20)\\d\\d")) {
        out.add(w);
      }
    }
    return out.toArray();
  }
}
