package dev.parley.control.reception;

import static dev.parley.control.support.Fixtures.assertProblem;
import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.reception.ServiceDesk.Appointment;
import dev.parley.agent.reception.ServiceDesk.ServiceOffer;
import dev.parley.control.account.UserRole;
import dev.parley.control.reception.ServiceCentreStore.Centre;
import dev.parley.control.support.Api;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reception API and the calendar behind it, through HTTP and a real PostgreSQL. */
class ReceptionApiTest {
  private final TestServer server = TestServer.shared();

  /**
   * A centre of this module's own rather than the launcher's demo centre (which this module cannot
   * see, and which opens 8 to 5 every day so the demo finds slots whenever it runs): these tests
   * need hours that differ by day (weekdays, a short Saturday, Sunday closed) for the opening-hours
   * summary and AppointmentRemindersTest's weekday bookings, and one bay or two for the capacity
   * cases.
   */
  static Map<String, Object> centre(int bays) {
    List<Map<String, Object>> hours = new ArrayList<>();
    for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
      hours.add(json("weekday", day, "opens", "08:00", "closes", "17:00"));
    }
    hours.add(json("weekday", "saturday", "opens", "09:00", "closes", "13:00"));
    return json(
        "businessName",
        "Bright Gear Auto Service",
        "timeZone",
        "America/New_York",
        "bays",
        bays,
        "slotMinutes",
        30,
        "hours",
        hours,
        "services",
        List.of(
            service("oil_change", 45, 59, "oil", "lube"),
            service("brake_inspection", 60, 89, "brake", "brakes")));
  }

  /** A service named after its code ("oil_change" is "oil change"). */
  private static Map<String, Object> service(
      String code, int minutes, int price, String... keywords) {
    return json(
        "code",
        code,
        "name",
        code.replace('_', ' '),
        "minutes",
        minutes,
        "price",
        price,
        "keywords",
        List.of(keywords));
  }

  @Test
  void anAdminSetsUpTheCentreAndEveryoneInTheOrganisationReadsIt() {
    TestServer.Tenant admin = server.newTenant(UserRole.ADMIN);
    Api.Response set = admin.api().put("/api/v1/reception/centre", centre(2));
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.str("openingHours"))
        .isEqualTo("Monday to Friday, 8 AM to 5 PM; Saturday, 9 AM to 1 PM");
    assertThat(set.str("timeZone")).isEqualTo("America/New_York");
    Api.Response read = admin.api().get("/api/v1/reception/centre");
    assertThat(read.body()).isEqualTo(set.body());
    // Another organisation sees none of it.
    assertProblem(server.newTenant(UserRole.ADMIN).api().get("/api/v1/reception/centre"), 404);
  }

  @Test
  void badCentresAreRefusedWithTheFieldAndChangeNothing() {
    TestServer.Tenant admin = server.newTenant(UserRole.ADMIN);
    Map<String, Object> zone = new java.util.LinkedHashMap<>(centre(1));
    zone.put("timeZone", "Mars/Olympus");
    Api.Response r = admin.api().put("/api/v1/reception/centre", zone);
    assertProblem(r, 422);
    assertThat(r.toString()).contains("timeZone");
    Map<String, Object> hours = new java.util.LinkedHashMap<>(centre(1));
    hours.put("hours", List.of(json("weekday", "monday", "opens", "17:00", "closes", "08:00")));
    r = admin.api().put("/api/v1/reception/centre", hours);
    assertProblem(r, 422);
    assertThat(r.toString()).contains("hours[0].closes");
    Map<String, Object> unknown = new java.util.LinkedHashMap<>(centre(1));
    unknown.put("colour", "red");
    assertProblem(admin.api().put("/api/v1/reception/centre", unknown), 400);
    assertProblem(admin.api().get("/api/v1/reception/centre"), 404);
    assertProblem(server.newTenant().api().put("/api/v1/reception/centre", centre(1)), 403);
  }

  @Test
  void vehiclesBelongToTheOrganisationsContacts() {
    TestServer.Tenant t = server.newTenant(UserRole.ADMIN);
    Api.Response contact =
        t.api()
            .post(
                "/api/v1/contacts",
                json("name", "Jordan Lee", "phone", Fixtures.nextPhone(), "kind", "person"));
    assertThat(contact.status()).as(contact.toString()).isEqualTo(201);
    Api.Response v =
        t.api()
            .post(
                "/api/v1/reception/contacts/" + contact.str("id") + "/vehicles",
                json("description", "2019 Toyota Camry"));
    assertThat(v.status()).as(v.toString()).isEqualTo(201);
    assertProblem(
        server
            .newTenant()
            .api()
            .post(
                "/api/v1/reception/contacts/" + contact.str("id") + "/vehicles",
                json("description", "2020 Honda Civic")),
        404);
  }

  @Test
  void concurrentBookingsOfOneSlotNeverExceedTheBays() throws Exception {
    TestServer.Tenant admin = server.newTenant(UserRole.ADMIN);
    assertThat(admin.api().put("/api/v1/reception/centre", centre(2)).status()).isEqualTo(200);
    ServiceCentreStore store = server.bean(ServiceCentreStore.class);
    Centre centre = store.centre(admin.organizationId()).orElseThrow();
    ServiceOffer brakes = centre.services().get(1);
    ZoneId zone = centre.zone();
    LocalDate monday =
        LocalDate.ofInstant(server.clock().instant(), zone)
            .plusDays(7)
            .with(TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
    ZonedDateTime ten = monday.atTime(10, 0).atZone(zone);
    assertThat(store.openSlots(centre, brakes, ten, ten.plusHours(1), 5))
        .containsExactly(ten, ten.plusMinutes(30));
    int n = 12;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Optional<Appointment>>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String phone = "+1415555" + String.format("%04d", 9000 + i);
      futures.add(
          pool.submit(
              () -> {
                go.await();
                return store.book(
                    centre, phone, "Caller", null, "2015 Ford Focus", brakes, ten, null);
              }));
    }
    go.countDown();
    int booked = 0;
    for (Future<Optional<Appointment>> f : futures) {
      booked += f.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(booked).isEqualTo(2);
    // An hour-long service holds two half-hour slots: 10:30 is now full too, 11:00 is not.
    assertThat(store.openSlots(centre, brakes, ten, ten.plusHours(2), 5))
        .containsExactly(ten.plusHours(1), ten.plusMinutes(90));
    List<Map<String, Object>> listed =
        admin
            .api()
            .get("/api/v1/reception/appointments?from=" + ten.toInstant() + "&days=1")
            .list("");
    assertThat(listed).hasSize(2).allSatisfy(a -> assertThat(a).containsEntry("status", "booked"));
    String id = (String) listed.get(0).get("id");
    assertThat(store.cancel(admin.organizationId(), java.util.UUID.fromString(id), null)).isTrue();
    assertThat(store.cancel(admin.organizationId(), java.util.UUID.fromString(id), null)).isFalse();
    assertThat(store.openSlots(centre, brakes, ten, ten.plusMinutes(1), 1)).containsExactly(ten);
  }
}
