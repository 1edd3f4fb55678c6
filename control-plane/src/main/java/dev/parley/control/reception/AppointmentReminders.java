package dev.parley.control.reception;

import dev.parley.control.account.Tone;
import dev.parley.control.account.UserRole;
import dev.parley.control.auth.Caller;
import dev.parley.control.dispatch.PeriodicSweep;
import dev.parley.control.dispatch.RawDataSource;
import dev.parley.control.task.CallTaskCommands.CreateCallTask;
import dev.parley.control.task.CallTaskKind;
import dev.parley.control.task.CallTaskService;
import dev.parley.control.web.ProblemException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places the reminder call of every booked appointment whose reminder is due: a call task of kind
 * {@code reminder} to the customer, for the user who set the centre up, planned like any task and
 * dialled by the dispatcher within calling hours.
 *
 * <p>Exactly once, with any number of instances: a sweep leases due appointments in one statement
 * ({@code FOR UPDATE SKIP LOCKED}); the reminder's instruction names the appointment's confirmation
 * code, so an instance that dies between creating the task and linking it leaves a task the next
 * lease finds and links instead of creating another. A customer whose number is busy with another
 * task is tried again when the lease runs out; one the guards refuse (do-not-call, say) is given
 * up. Reminders for cancelled or already-started appointments are never sent.
 */
@Singleton
public class AppointmentReminders implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AppointmentReminders.class);
  private static final DateTimeFormatter SPOKEN =
      DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a", Locale.US);
  private static final int BATCH = 20;

  private final DataSource db;
  private final CallTaskService tasks;
  private final Clock clock;
  private final Duration poll;
  private final Duration lease;
  private final LongAdder created = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final PeriodicSweep loop;

  AppointmentReminders(
      DataSource dataSource,
      CallTaskService tasks,
      Clock clock,
      @Value("${parley.reception.reminder-poll:30s}") Duration poll,
      @Value("${parley.reception.reminder-lease:5m}") Duration lease) {
    this.db = RawDataSource.of(dataSource);
    this.tasks = tasks;
    this.clock = clock;
    this.poll = poll;
    this.lease = lease;
    this.loop = new PeriodicSweep("appointment-reminders", poll, this::sweep, failures::increment);
  }

  /** Starts sweeping every poll interval. */
  public void start() {
    loop.start();
  }

  @Override
  public void close() {
    loop.close();
  }

  /** Reminder tasks created so far by this instance. */
  public long created() {
    return created.sum();
  }

  /**
   * Creates the tasks of the reminders due now and withdraws those of appointments cancelled since;
   * how many reminders it linked.
   */
  public int sweep() {
    withdrawCancelled();
    int linked = 0;
    for (Due due : lease()) {
      try {
        UUID task = existingTask(due);
        if (task == null) {
          task =
              tasks
                  .create(
                      due.caller,
                      new CreateCallTask(
                          due.instruction(),
                          null,
                          due.phone,
                          null,
                          Tone.FRIENDLY,
                          null,
                          null,
                          null,
                          null,
                          2),
                      CallTaskKind.REMINDER)
                  .getId();
          created.increment();
        }
        link(due.appointmentId, task);
        linked++;
      } catch (ProblemException e) {
        if (e.problem().status() == 409) {
          log.info(
              "reminder for appointment {}: {}; retried after the lease",
              due.appointmentId,
              e.problem().detail());
        } else {
          giveUp(due.appointmentId);
          log.warn(
              "reminder for appointment {} given up: {}", due.appointmentId, e.problem().detail());
        }
      }
    }
    return linked;
  }

  /** A reminder due now, leased to this instance. */
  private record Due(
      UUID appointmentId,
      Caller caller,
      String phone,
      String customerName,
      String serviceName,
      String vehicle,
      ZonedDateTime start,
      String code,
      String businessName) {

    /** What the reminder call must do, naming the appointment's code (its identity). */
    String instruction() {
      return "Remind "
          + (customerName == null ? "the customer" : customerName)
          + " of their "
          + serviceName
          + " appointment"
          + (vehicle == null ? "" : " for the " + vehicle)
          + " at "
          + businessName
          + " on "
          + SPOKEN.format(start)
          + " (confirmation "
          + code
          + ") and check they can still make it.";
    }
  }

  private List<Due> lease() {
    Instant now = clock.instant();
    List<Due> due = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE appointments a SET reminder_claimed_until = ?"
                    + " FROM service_centres sc"
                    + " WHERE sc.organization_id = a.organization_id AND a.id IN ("
                    + "   SELECT id FROM appointments WHERE status = 'booked' AND reminder_task_id IS NULL"
                    + "   AND reminder_due_at <= ? AND starts_at > ?"
                    + "   AND (reminder_claimed_until IS NULL OR reminder_claimed_until < ?)"
                    + "   ORDER BY reminder_due_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                    + " RETURNING a.id, a.organization_id, a.customer_phone, a.customer_name, a.service_name,"
                    + " coalesce((SELECT description FROM vehicles v WHERE v.id = a.vehicle_id), a.vehicle_description),"
                    + " a.starts_at, a.confirmation_code, sc.business_name, sc.time_zone,"
                    + " coalesce(sc.owner_user_id, (SELECT u.id FROM users u WHERE u.organization_id = a.organization_id"
                    + "   AND u.role = 'admin' ORDER BY u.created_at LIMIT 1))")) {
      ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setTimestamp(3, Timestamp.from(now.plusSeconds(3600)));
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setInt(5, BATCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          UUID owner = rs.getObject(11, UUID.class);
          if (owner == null) {
            log.warn("appointment {}: nobody to place its reminder for", rs.getObject(1));
            continue;
          }
          UUID org = rs.getObject(2, UUID.class);
          due.add(
              new Due(
                  rs.getObject(1, UUID.class),
                  new Caller(owner, org, role(c, owner)),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getTimestamp(7).toInstant().atZone(ZoneId.of(rs.getString(10))),
                  rs.getString(8),
                  rs.getString(9)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("leasing due reminders failed", e);
    }
    return due;
  }

  /**
   * Cancels the reminder task of every cancelled appointment whose reminder has not been placed yet
   * (a call already under way is left to finish: the customer may still want to hear it).
   */
  private void withdrawCancelled() {
    List<Object[]> withdrawn = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT t.id, t.organization_id, t.owner_user_id FROM appointments a"
                    + " JOIN call_tasks t ON t.id = a.reminder_task_id"
                    + " WHERE a.status = 'cancelled' AND t.status IN"
                    + " ('pending', 'preparing', 'waiting_for_user', 'ready_to_call', 'scheduled')"
                    + " LIMIT ?")) {
      ps.setInt(1, BATCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          UUID owner = rs.getObject(3, UUID.class);
          withdrawn.add(
              new Object[] {
                rs.getObject(1, UUID.class),
                new Caller(owner, rs.getObject(2, UUID.class), role(c, owner))
              });
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("finding reminders to withdraw failed", e);
    }
    for (Object[] w : withdrawn) {
      try {
        tasks.cancel((Caller) w[1], (UUID) w[0], "appointment cancelled");
      } catch (ProblemException e) {
        // It started or finished meanwhile: nothing to withdraw.
        log.debug("reminder task {} not withdrawn: {}", w[0], e.problem().detail());
      }
    }
  }

  private static UserRole role(Connection c, UUID user) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT role FROM users WHERE id = ?")) {
      ps.setObject(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? UserRole.fromWire(rs.getString(1)) : UserRole.MEMBER;
      }
    }
  }

  private UUID existingTask(Due due) {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM call_tasks WHERE organization_id = ? AND kind = 'reminder'"
                    + " AND raw_instruction = ? ORDER BY created_at LIMIT 1")) {
      ps.setObject(1, due.caller.organizationId());
      ps.setString(2, due.instruction());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, UUID.class) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("looking up the reminder task failed", e);
    }
  }

  private void link(UUID appointment, UUID task) {
    update(
        "UPDATE appointments SET reminder_task_id = ?, reminder_claimed_until = NULL WHERE id = ?",
        task,
        appointment);
  }

  private void giveUp(UUID appointment) {
    update(
        "UPDATE appointments SET reminder_due_at = NULL, reminder_claimed_until = NULL WHERE id = ?",
        appointment);
  }

  private void update(String sql, Object... args) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("updating the appointment's reminder failed", e);
    }
  }
}
