package dev.parley.control.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.telephony.DialRequest;
import dev.parley.control.telephony.TelephonyException;
import dev.parley.control.telephony.TelephonyProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher against a real PostgreSQL whose sessions run in a non-UTC zone (America/Denver),
 * so any timestamp that silently depended on the session zone would show up here.
 */
class CallTaskDispatcherTest {
  // 11:00 in New York on a weekday after the 2026 spring-forward: inside calling hours.
  static final Instant NOON_NY = Instant.parse("2026-03-10T15:00:00Z");

  static TestDatabase db;
  Fixtures fx;
  SettableClock clock;

  @BeforeAll
  static void database() throws Exception {
    db = TestDatabase.create("America/Denver", 16);
  }

  @AfterAll
  static void drop() throws Exception {
    db.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixtures(db.dataSource());
    clock = new SettableClock(NOON_NY);
    // Each test starts from an empty queue: earlier tests' tasks must not be claimable.
    fx.exec("DELETE FROM organizations");
  }

  @Test
  void threeInstancesDialEachOfTwoThousandTasksExactlyOnce() throws Exception {
    UUID[] ou = fx.orgAndUser(clock.instant());
    List<UUID> tasks =
        fx.readyTasks(ou[0], ou[1], "personal", Fixtures.phones(0, 2000), 3, clock.instant());
    CountingProvider provider = new CountingProvider();
    List<CallTaskDispatcher> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      instances.add(
          Dispatchers.create(
              "instance-" + i, db.dataSource(), provider, clock, Dispatchers.openGuards(), 50));
    }
    instances.forEach(CallTaskDispatcher::start);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (dialedTotal(instances) < tasks.size() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } finally {
      instances.forEach(CallTaskDispatcher::close);
    }

    assertThat(provider.total.get()).isEqualTo(2000);
    assertThat(provider.dialsPerTask).hasSize(2000).containsOnlyKeys(tasks.toArray());
    assertThat(provider.duplicates()).isZero();
    assertThat(dialedTotal(instances)).isEqualTo(2000);
    // Every instance did some of the work.
    assertThat(instances).allSatisfy(d -> assertThat(d.counters().dialed()).isPositive());
    assertThat(
            fx.count(
                "SELECT count(*) FROM call_sessions WHERE provider_call_id IS NOT NULL AND attempt_number = 1"))
        .isEqualTo(2000);
    assertThat(
            fx.count(
                "SELECT count(*) FROM call_tasks WHERE status = 'dialing' AND attempt_count = 1 AND lease_owner IS NULL"))
        .isEqualTo(2000);
    assertThat(fx.count("SELECT count(*) FROM call_events WHERE type = 'call_placed'"))
        .isEqualTo(2000);
  }

  @Test
  void tasksOfAnInstanceKilledMidClaimAreDialledOnceAfterItsLease() throws Exception {
    UUID[] ou = fx.orgAndUser(clock.instant());
    List<UUID> tasks =
        fx.readyTasks(ou[0], ou[1], "personal", Fixtures.phones(5000, 300), 3, clock.instant());
    CountingProvider provider = new CountingProvider();
    CallTaskDispatcher dead =
        Dispatchers.create("dead", db.dataSource(), provider, clock, Dispatchers.openGuards(), 120);
    CallTaskDispatcher live =
        Dispatchers.create("live", db.dataSource(), provider, clock, Dispatchers.openGuards(), 100);
    try {
      // The dead instance claims a batch and never gets further.
      List<ClaimedTask> stranded = dead.claim();
      assertThat(stranded).hasSize(120);
      drain(live);
      assertThat(provider.total.get()).isEqualTo(180);
      assertThat(provider.dialsPerTask)
          .doesNotContainKeys(stranded.stream().map(ClaimedTask::id).toArray());

      // Before the lease runs out nothing changes; after it, the live instance takes them over.
      clock.advance(Duration.ofSeconds(29));
      drain(live);
      assertThat(provider.total.get()).isEqualTo(180);
      clock.advance(Duration.ofSeconds(2));
      drain(live);

      assertThat(provider.total.get()).isEqualTo(300);
      assertThat(provider.duplicates()).isZero();
      assertThat(provider.dialsPerTask).containsOnlyKeys(tasks.toArray());
      assertThat(live.counters().snapshot().get("reclaimed")).isEqualTo(120);

      // The dead instance wakes up and carries on with its stale batch: fenced out, no dial.
      dead.process(stranded);
      assertThat(provider.total.get()).isEqualTo(300);
      assertThat(dead.counters().fenceMisses()).isEqualTo(120);
      assertThat(fx.count("SELECT count(*) FROM call_sessions")).isEqualTo(300);
    } finally {
      dead.close();
      live.close();
    }
  }

  @Test
  void anAttemptRecordedButNotConfirmedIsNeverRedialledAndItsLateCallIsHungUp() throws Exception {
    UUID[] ou = fx.orgAndUser(clock.instant());
    UUID task =
        fx.readyTasks(ou[0], ou[1], "personal", Fixtures.phones(9000, 1), 3, clock.instant())
            .get(0);
    CountingProvider provider = new CountingProvider();
    CallTaskDispatcher stale =
        Dispatchers.create("stale", db.dataSource(), provider, clock, Dispatchers.openGuards(), 10);
    CallTaskDispatcher next =
        Dispatchers.create("next", db.dataSource(), provider, clock, Dispatchers.openGuards(), 10);
    try {
      // The stale instance puts the attempt on record, then stalls before the provider request.
      List<CallTaskDispatcher.Admitted> admitted = stale.begin(stale.claim());
      assertThat(admitted).hasSize(1);
      clock.advance(Duration.ofSeconds(31));

      // The next owner cannot know whether the call went out: it cancels that attempt, no redial.
      assertThat(next.runOnce()).isEqualTo(1);
      assertThat(provider.total.get()).isZero();
      assertThat(
              fx.string(
                  "SELECT status || '/' || failure_reason FROM call_sessions WHERE task_id = ?",
                  task))
          .isEqualTo("cancelled/dial_outcome_unknown");
      assertThat(fx.status(task)).isEqualTo("scheduled");

      // The stale instance wakes and dials: its call is an orphan and is hung up at once.
      stale.record(stale.dial(admitted));
      assertThat(provider.total.get()).isEqualTo(1);
      assertThat(provider.hungUp).hasSize(1);
      assertThat(fx.string("SELECT provider_call_id FROM call_sessions WHERE task_id = ?", task))
          .isNull();

      // The retry is a new attempt with a new session, dialled once.
      clock.advance(Duration.ofHours(3));
      drain(next);
      assertThat(provider.total.get()).isEqualTo(2);
      assertThat(
              fx.count(
                  "SELECT count(*) FROM call_sessions WHERE task_id = ? AND attempt_number = 2",
                  task))
          .isEqualTo(1);
    } finally {
      stale.close();
      next.close();
    }
  }

  @Test
  void transientFailuresRetryWithBackoffUntilMaxAttemptsThenFailWithNotification()
      throws Exception {
    UUID[] ou = fx.orgAndUser(clock.instant());
    UUID task =
        fx.readyTasks(ou[0], ou[1], "personal", Fixtures.phones(9100, 1), 3, clock.instant())
            .get(0);
    TelephonyProvider refusing = failing(TelephonyException.Kind.TRANSIENT, 20003);
    CallTaskDispatcher d =
        Dispatchers.create("r", db.dataSource(), refusing, clock, Dispatchers.openGuards(), 10);
    try {
      assertThat(d.runOnce()).isEqualTo(1);
      assertThat(fx.status(task)).isEqualTo("scheduled");
      Instant next =
          Instant.parse(
              fx.string(
                  "SELECT to_char(next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM call_tasks WHERE id = ?",
                  task));
      // First retry: 2 minutes ± 20 %.
      assertThat(Duration.between(clock.instant(), next))
          .isBetween(Duration.ofSeconds(96), Duration.ofSeconds(144));
      assertThat(d.runOnce()).isZero();

      clock.advance(Duration.ofMinutes(3));
      assertThat(d.runOnce()).isEqualTo(1);
      assertThat(fx.status(task)).isEqualTo("scheduled");
      clock.advance(Duration.ofMinutes(6));
      assertThat(d.runOnce()).isEqualTo(1);

      assertThat(fx.status(task)).isEqualTo("failed");
      assertThat(fx.count("SELECT attempt_count FROM call_tasks WHERE id = ?", task)).isEqualTo(3);
      assertThat(fx.string("SELECT outcome FROM call_tasks WHERE id = ?", task)).isEqualTo("error");
      assertThat(
              fx.count(
                  "SELECT count(*) FROM notifications WHERE task_id = ? AND type = 'call_failed'",
                  task))
          .isEqualTo(1);
      assertThat(
              fx.count(
                  "SELECT count(*) FROM call_sessions WHERE task_id = ? AND status = 'failed'",
                  task))
          .isEqualTo(3);
    } finally {
      d.close();
    }
  }

  @Test
  void aWrongNumberFailsAtOnceWithoutRetry() throws Exception {
    UUID[] ou = fx.orgAndUser(clock.instant());
    UUID task =
        fx.readyTasks(ou[0], ou[1], "personal", Fixtures.phones(9200, 1), 3, clock.instant())
            .get(0);
    CallTaskDispatcher d =
        Dispatchers.create(
            "w",
            db.dataSource(),
            failing(TelephonyException.Kind.WRONG_NUMBER, 21211),
            clock,
            Dispatchers.openGuards(),
            10);
    try {
      assertThat(d.runOnce()).isEqualTo(1);
      assertThat(fx.status(task)).isEqualTo("failed");
      assertThat(fx.string("SELECT outcome FROM call_tasks WHERE id = ?", task))
          .isEqualTo("wrong_number");
      assertThat(fx.count("SELECT attempt_count FROM call_tasks WHERE id = ?", task)).isEqualTo(1);
      assertThat(
              fx.count(
                  "SELECT count(*) FROM notifications WHERE task_id = ? AND type = 'call_failed'",
                  task))
          .isEqualTo(1);
    } finally {
      d.close();
    }
  }

  @Test
  void aFailingMediaPreparationDoesNotStopTheCalls() throws Exception {
    UUID[] ou = fx.orgAndUser(clock.instant());
    fx.readyTasks(ou[0], ou[1], "personal", Fixtures.phones(9300, 5), 3, clock.instant());
    CountDownLatch calls = new CountDownLatch(2);
    TelephonyProvider explodingPreparation = new CountingProvider();
    CallTaskDispatcher d =
        new CallTaskDispatcher(
            new DispatcherConfig("boom", 2, 1, 2, Duration.ofSeconds(30), Duration.ofMillis(10)),
            db.dataSource(),
            new dev.parley.control.guard.DialGuards(Dispatchers.openGuards(), clock),
            explodingPreparation,
            dial -> {
              calls.countDown();
              throw new IllegalStateException("media link exploded");
            },
            new AttemptOutcomes(RetryPolicy.defaults(), clock, new java.util.Random(1)),
            clock);
    d.start();
    try {
      assertThat(calls.await(30, TimeUnit.SECONDS)).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (d.counters().dialed() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      // A failing preparation does not stop the call or the loop.
      assertThat(d.counters().dialed()).isEqualTo(5);
    } finally {
      d.close();
    }
  }

  private static TelephonyProvider failing(TelephonyException.Kind kind, int code) {
    return new TelephonyProvider() {
      @Override
      public String dial(DialRequest request) throws TelephonyException {
        throw new TelephonyException(kind, code, "refused with " + code, null);
      }

      @Override
      public void hangUp(String providerCallId) {}
    };
  }

  private static void drain(CallTaskDispatcher d) throws Exception {
    int rounds = 0;
    while (d.runOnce() > 0) {
      assertThat(++rounds).as("claim rounds before the queue drains").isLessThan(50);
    }
  }

  private static long dialedTotal(List<CallTaskDispatcher> ds) {
    return ds.stream().mapToLong(d -> d.counters().dialed()).sum();
  }
}
