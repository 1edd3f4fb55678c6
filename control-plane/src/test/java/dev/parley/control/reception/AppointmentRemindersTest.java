package dev.parley.control.reception;

import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.reception.ServiceDesk.Appointment;
import dev.parley.agent.reception.ServiceDesk.ServiceOffer;
import dev.parley.control.account.UserRole;
import dev.parley.control.reception.ServiceCentreStore.Centre;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reminder calls for booked appointments: due the day before, created once, never for a cancelled
 * one.
 */
class AppointmentRemindersTest {
  private final TestServer server = TestServer.shared();
  private final ServiceCentreStore store = server.bean(ServiceCentreStore.class);
  private final AppointmentReminders reminders = server.bean(AppointmentReminders.class);

  private record Booked(TestServer.Tenant tenant, Appointment appointment, String phone) {}

  private Booked book(int daysAhead) {
    TestServer.Tenant admin = server.newTenant(UserRole.ADMIN);
    assertThat(admin.api().put("/api/v1/reception/centre", ReceptionApiTest.centre(1)).status())
        .isEqualTo(200);
    String phone = Fixtures.e164(Fixtures.nextPhone());
    admin
        .api()
        .post("/api/v1/contacts", json("name", "Jordan Lee", "phone", phone, "kind", "person"));
    Centre centre = store.centre(admin.organizationId()).orElseThrow();
    ServiceOffer oil = centre.services().get(0);
    LocalDate day =
        LocalDate.ofInstant(server.clock().instant(), centre.zone()).plusDays(daysAhead);
    while (day.getDayOfWeek().getValue() > 5) {
      day = day.plusDays(1);
    }
    ZonedDateTime at = day.atTime(LocalTime.of(14, 0)).atZone(centre.zone());
    Appointment a =
        store
            .book(centre, phone, "Jordan Lee", null, "2019 Toyota Camry", oil, at, null)
            .orElseThrow();
    assertThat(a.reminderAt()).isEqualTo(at.minusDays(1).with(LocalTime.of(10, 0)));
    return new Booked(admin, a, phone);
  }

  /** Makes the appointment's reminder due now (as if the clock had reached the day before). */
  private void makeDue(Appointment a) throws Exception {
    try (Connection c = server.jdbc();
        PreparedStatement ps =
            c.prepareStatement("UPDATE appointments SET reminder_due_at = ? WHERE id = ?")) {
      ps.setTimestamp(1, java.sql.Timestamp.from(server.clock().instant().minusSeconds(60)));
      ps.setObject(2, UUID.fromString(a.id()));
      ps.executeUpdate();
    }
  }

  private List<String[]> reminderTasks(UUID org, String phone) throws Exception {
    List<String[]> out = new ArrayList<>();
    try (Connection c = server.jdbc();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, raw_instruction FROM call_tasks WHERE organization_id = ? AND kind = 'reminder'"
                    + " AND target_phone = ?")) {
      ps.setObject(1, org);
      ps.setString(2, phone);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    return out;
  }

  private String linkedTask(Appointment a) throws Exception {
    try (Connection c = server.jdbc();
        PreparedStatement ps =
            c.prepareStatement("SELECT reminder_task_id FROM appointments WHERE id = ?")) {
      ps.setObject(1, UUID.fromString(a.id()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Test
  void aDueReminderBecomesOneReminderTaskWhateverTheConcurrency() throws Exception {
    Booked b = book(4);
    reminders.sweep();
    assertThat(reminderTasks(b.tenant().organizationId(), b.phone())).as("not due yet").isEmpty();
    makeDue(b.appointment());
    int n = 4;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> sweeps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sweeps.add(
          pool.submit(
              () -> {
                go.await();
                return reminders.sweep();
              }));
    }
    go.countDown();
    for (Future<Integer> f : sweeps) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    List<String[]> tasks = reminderTasks(b.tenant().organizationId(), b.phone());
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0)[1])
        .startsWith("Remind Jordan Lee of their oil change appointment for the 2019 Toyota Camry")
        .contains("(confirmation " + b.appointment().confirmationCode() + ")");
    assertThat(linkedTask(b.appointment())).isEqualTo(tasks.get(0)[0]);

    // An instance that died after creating the task but before linking it: the next sweep finds
    // the task by the appointment it names and links it instead of creating another.
    try (Connection c = server.jdbc();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE appointments SET reminder_task_id = NULL, reminder_claimed_until = NULL WHERE id = ?")) {
      ps.setObject(1, UUID.fromString(b.appointment().id()));
      ps.executeUpdate();
    }
    reminders.sweep();
    assertThat(reminderTasks(b.tenant().organizationId(), b.phone())).hasSize(1);
    assertThat(linkedTask(b.appointment())).isEqualTo(tasks.get(0)[0]);
  }

  @Test
  void aCancelledAppointmentGetsNoReminder() throws Exception {
    Booked b = book(5);
    makeDue(b.appointment());
    assertThat(
            store.cancel(b.tenant().organizationId(), UUID.fromString(b.appointment().id()), null))
        .isTrue();
    reminders.sweep();
    assertThat(reminderTasks(b.tenant().organizationId(), b.phone())).isEmpty();
  }

  @Test
  void cancellingAfterTheReminderWasPlannedWithdrawsItsTask() throws Exception {
    Booked b = book(6);
    makeDue(b.appointment());
    reminders.sweep();
    String task = linkedTask(b.appointment());
    assertThat(task).isNotNull();
    assertThat(
            store.cancel(b.tenant().organizationId(), UUID.fromString(b.appointment().id()), null))
        .isTrue();
    reminders.sweep();
    try (Connection c = server.jdbc();
        PreparedStatement ps = c.prepareStatement("SELECT status FROM call_tasks WHERE id = ?")) {
      ps.setObject(1, UUID.fromString(task));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("cancelled");
      }
    }
  }

  @Test
  void aBookingTooSoonForADayBeforeReminderPlansNone() {
    TestServer.Tenant admin = server.newTenant(UserRole.ADMIN);
    admin.api().put("/api/v1/reception/centre", ReceptionApiTest.centre(1));
    Centre centre = store.centre(admin.organizationId()).orElseThrow();
    ZonedDateTime now = ZonedDateTime.ofInstant(server.clock().instant(), centre.zone());
    assertThat(ServiceCentreStore.reminderAt(now.plusHours(20), server.clock().instant())).isNull();
    assertThat(ServiceCentreStore.reminderAt(now.plusDays(3), server.clock().instant()))
        .isEqualTo(now.plusDays(2).with(LocalTime.of(10, 0)));
  }
}
