package dev.parley.control.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.dispatch.CallTaskDispatcher;
import dev.parley.control.dispatch.CountingProvider;
import dev.parley.control.dispatch.Dispatchers;
import dev.parley.control.dispatch.Fixtures;
import dev.parley.control.dispatch.SettableClock;
import dev.parley.control.dispatch.TestDatabase;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each guard, through the dispatcher, against a real database: refused or deferred exactly as
 * specified.
 */
class DialGuardsTest {
  // 11:00 in New York.
  static final Instant NOON_NY = Instant.parse("2026-03-10T15:00:00Z");
  static TestDatabase db;
  Fixtures fx;
  SettableClock clock;
  CountingProvider provider;
  UUID org;
  UUID user;

  @BeforeAll
  static void database() throws Exception {
    db = TestDatabase.create("Asia/Kolkata", 8);
  }

  @AfterAll
  static void drop() throws Exception {
    db.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixtures(db.dataSource());
    fx.exec("DELETE FROM organizations");
    clock = new SettableClock(NOON_NY);
    provider = new CountingProvider();
    UUID[] ou = fx.orgAndUser(clock.instant());
    org = ou[0];
    user = ou[1];
  }

  void dispatch(GuardConfig guards) throws Exception {
    try (CallTaskDispatcher d =
        Dispatchers.create("g", db.dataSource(), provider, clock, guards, 50)) {
      int rounds = 0;
      while (d.runOnce() > 0) {
        assertThat(++rounds).as("claim rounds before the queue drains").isLessThan(50);
      }
    }
  }

  Instant nextAttempt(UUID task) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        var ps = c.prepareStatement("SELECT next_attempt_at FROM call_tasks WHERE id = ?")) {
      ps.setObject(1, task);
      try (var rs = ps.executeQuery()) {
        rs.next();
        Timestamp t = rs.getTimestamp(1);
        return t == null ? null : t.toInstant();
      }
    }
  }

  String refusal(UUID task) throws Exception {
    return fx.string(
        "SELECT detail->>'guard' FROM call_events WHERE task_id = ? AND type = 'dial_refused'",
        task);
  }

  @Test
  void allowListModeDialsOnlyListedNumbers() throws Exception {
    List<String> phones = Fixtures.phones(0, 2);
    List<UUID> tasks = fx.readyTasks(org, user, "personal", phones, 3, clock.instant());
    fx.exec(
        "INSERT INTO allow_listed_numbers (id, organization_id, phone, created_at) VALUES (?, ?, ?, now())",
        UUID.randomUUID(),
        org,
        phones.get(0));
    dispatch(Dispatchers.openGuards().withAllowListMode(true));

    assertThat(provider.dialsPerTask).containsOnlyKeys(tasks.get(0));
    assertThat(fx.status(tasks.get(1))).isEqualTo("failed");
    assertThat(refusal(tasks.get(1))).isEqualTo("allow_list");
    assertThat(fx.string("SELECT failure_reason FROM call_tasks WHERE id = ?", tasks.get(1)))
        .startsWith("allow_list:");
    assertThat(
            fx.count(
                "SELECT count(*) FROM notifications WHERE task_id = ? AND type = 'call_failed'",
                tasks.get(1)))
        .isEqualTo(1);
  }

  @Test
  void doNotCallNumbersAreRefused() throws Exception {
    List<String> phones = Fixtures.phones(10, 2);
    List<UUID> tasks = fx.readyTasks(org, user, "personal", phones, 3, clock.instant());
    fx.exec(
        "INSERT INTO do_not_call_numbers (id, organization_id, phone, created_at) VALUES (?, ?, ?, now())",
        UUID.randomUUID(),
        org,
        phones.get(1));
    dispatch(Dispatchers.openGuards());

    assertThat(provider.dialsPerTask).containsOnlyKeys(tasks.get(0));
    assertThat(fx.status(tasks.get(1))).isEqualTo("failed");
    assertThat(refusal(tasks.get(1))).isEqualTo("do_not_call");
    assertThat(fx.count("SELECT count(*) FROM call_sessions WHERE task_id = ?", tasks.get(1)))
        .isZero();
  }

  @Test
  void outsideCallingHoursIsRescheduledToTheNextAllowedMomentNotFailed() throws Exception {
    // 21:00 in New York (EDT): the next moment is 08:00 EDT tomorrow = 12:00Z.
    clock.set(Instant.parse("2026-03-11T01:00:00Z"));
    UUID ny =
        fx.readyTasks(org, user, "personal", List.of("+12123900000"), 3, clock.instant()).get(0);
    // Same instant is 18:00 in Los Angeles: allowed.
    UUID la =
        fx.readyTasks(org, user, "personal", List.of("+14152220000"), 3, clock.instant()).get(0);
    // A contact in Honolulu (15:00 there) whose number is a New York one: the contact's zone wins.
    UUID contact = UUID.randomUUID();
    fx.exec(
        "INSERT INTO contacts (id, organization_id, owner_user_id, name, phone, time_zone, created_at, updated_at)"
            + " VALUES (?, ?, ?, 'Kai', '+12123900001', 'Pacific/Honolulu', now(), now())",
        contact,
        org,
        user);
    UUID hi =
        fx.readyTasks(org, user, "personal", List.of("+12123900001"), 3, clock.instant()).get(0);
    fx.exec("UPDATE call_tasks SET contact_id = ? WHERE id = ?", contact, hi);

    dispatch(Dispatchers.openGuards());

    assertThat(provider.dialsPerTask).containsOnlyKeys(la, hi);
    assertThat(fx.status(ny)).isEqualTo("scheduled");
    assertThat(nextAttempt(ny)).isEqualTo(Instant.parse("2026-03-11T12:00:00Z"));
    assertThat(
            fx.string(
                "SELECT detail->>'guard' FROM call_events WHERE task_id = ? AND type = 'dial_deferred'",
                ny))
        .isEqualTo("calling_hours");
    assertThat(fx.count("SELECT attempt_count FROM call_tasks WHERE id = ?", ny)).isZero();

    // At 07:59 EDT still nothing; at 08:00 it is dialled.
    clock.set(Instant.parse("2026-03-11T11:59:00Z"));
    dispatch(Dispatchers.openGuards());
    assertThat(provider.dialsPerTask).doesNotContainKey(ny);
    clock.set(Instant.parse("2026-03-11T12:00:00Z"));
    dispatch(Dispatchers.openGuards());
    assertThat(provider.dialsPerTask).containsKey(ny);
  }

  @Test
  void manualRateLimitsDeferTheSixthDialOfTheHourAndTheTwentyFirstOfTheDay() throws Exception {
    GuardConfig limits = GuardConfig.defaults().withMaxConcurrentCalls(1000);
    List<UUID> tasks =
        fx.readyTasks(org, user, "personal", Fixtures.phones(100, 6), 3, clock.instant());
    dispatch(limits);
    assertThat(provider.total.get()).isEqualTo(5);
    UUID held =
        tasks.stream().filter(t -> !provider.dialsPerTask.containsKey(t)).findFirst().orElseThrow();
    assertThat(fx.status(held)).isEqualTo("scheduled");
    assertThat(nextAttempt(held)).isEqualTo(NOON_NY.plus(Duration.ofHours(1)));
    assertThat(
            fx.string(
                "SELECT detail->>'guard' FROM call_events WHERE task_id = ? AND type = 'dial_deferred'",
                held))
        .isEqualTo("rate_limit");

    DialGuards guards = new DialGuards(limits, clock);
    try (Connection c = db.dataSource().getConnection()) {
      assertThat(guards.retryAfter(c, user, "b2b")).isEqualTo(Duration.ofHours(1));
      // Automated calls have their own budget.
      assertThat(guards.retryAfter(c, user, "reminder")).isEqualTo(Duration.ZERO);
    }

    // Spread 20 dials over the day: the 21st waits for the oldest to be a day old.
    fx.exec("DELETE FROM organizations");
    UUID[] ou = fx.orgAndUser(clock.instant());
    Instant start = NOON_NY;
    int phone = 200;
    for (int hour = 0; hour < 4; hour++) {
      clock.set(start.plus(Duration.ofHours(hour)));
      fx.readyTasks(ou[0], ou[1], "personal", Fixtures.phones(phone, 5), 3, clock.instant());
      phone += 5;
      dispatch(limits);
    }
    assertThat(fx.count("SELECT count(*) FROM call_sessions")).isEqualTo(20);
    clock.set(start.plus(Duration.ofHours(5)));
    UUID over =
        fx.readyTasks(ou[0], ou[1], "personal", Fixtures.phones(phone, 1), 3, clock.instant())
            .get(0);
    dispatch(limits);
    assertThat(fx.status(over)).isEqualTo("scheduled");
    assertThat(nextAttempt(over)).isEqualTo(start.plus(Duration.ofDays(1)));
  }

  @Test
  void automatedRateLimitIsTenPerHour() throws Exception {
    List<UUID> tasks =
        fx.readyTasks(org, user, "reminder", Fixtures.phones(300, 11), 3, clock.instant());
    dispatch(GuardConfig.defaults());
    assertThat(provider.total.get()).isEqualTo(10);
    assertThat(tasks.stream().filter(t -> !provider.dialsPerTask.containsKey(t)).count())
        .isEqualTo(1);
  }

  @Test
  void theOrganisationsConcurrencyCapDefersTheRest() throws Exception {
    List<UUID> tasks =
        fx.readyTasks(org, user, "personal", Fixtures.phones(400, 3), 3, clock.instant());
    dispatch(Dispatchers.openGuards().withMaxConcurrentCalls(2));
    assertThat(provider.total.get()).isEqualTo(2);
    UUID held =
        tasks.stream().filter(t -> !provider.dialsPerTask.containsKey(t)).findFirst().orElseThrow();
    assertThat(fx.status(held)).isEqualTo("scheduled");
    assertThat(nextAttempt(held)).isEqualTo(NOON_NY.plus(Duration.ofSeconds(15)));
    assertThat(
            fx.string(
                "SELECT detail->>'guard' FROM call_events WHERE task_id = ? AND type = 'dial_deferred'",
                held))
        .isEqualTo("concurrency");
  }

  @Test
  void anOptOutDuringACallStopsEveryLaterDialToThatNumber() throws Exception {
    List<String> phone = Fixtures.phones(500, 1);
    UUID first = fx.readyTasks(org, user, "personal", phone, 3, clock.instant()).get(0);
    dispatch(Dispatchers.openGuards());
    UUID session =
        UUID.fromString(fx.string("SELECT id FROM call_sessions WHERE task_id = ?", first));
    DoNotCallList dnc = new DoNotCallList(db.dataSource(), clock);
    assertThat(dnc.optOut(session, "asked not to be called again")).isTrue();
    assertThat(dnc.optOut(session, "again")).isFalse();
    fx.exec(
        "UPDATE call_tasks SET status = 'completed', lease_owner = NULL, lease_expires_at = NULL WHERE id = ?",
        first);

    UUID later = fx.readyTasks(org, user, "personal", phone, 3, clock.instant()).get(0);
    dispatch(Dispatchers.openGuards());
    assertThat(provider.dialsPerTask).doesNotContainKey(later);
    assertThat(refusal(later)).isEqualTo("do_not_call");
    assertThat(fx.count("SELECT count(*) FROM call_events WHERE type = 'do_not_call.added'"))
        .isEqualTo(1);
  }
}
