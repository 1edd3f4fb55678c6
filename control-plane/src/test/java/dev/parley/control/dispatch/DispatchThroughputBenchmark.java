package dev.parley.control.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Dispatch throughput: claim + state change + attempt record + dial request to a fake provider +
 * result record, with 1 and with 3 dispatcher instances (each its own pools and lease owner)
 * against one PostgreSQL, then a check that no task was dialled twice. Guards run (allow-list off,
 * DNC and calling hours checked; rate limits off so one test user is not throttled).
 *
 * <pre>
 * ./mvnw -B -q -pl control-plane test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.parley.control.dispatch.DispatchThroughputBenchmark -Dexec.args="20000"
 * </pre>
 */
public final class DispatchThroughputBenchmark {
  private DispatchThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    for (int instances : new int[] {1, 3}) {
      run(tasks, instances, batch);
    }
    System.exit(0);
  }

  static void run(int n, int instances, int batch) throws Exception {
    try (TestDatabase db = TestDatabase.create("UTC", 4 * instances + 2)) {
      SettableClock clock = new SettableClock(Instant.parse("2026-03-10T15:00:00Z"));
      Fixtures fx = new Fixtures(db.dataSource());
      UUID[] ou = fx.orgAndUser(clock.instant());
      for (int i = 0; i < n; i += 5_000) {
        fx.readyTasks(
            ou[0],
            ou[1],
            "personal",
            Fixtures.phones(i, Math.min(5_000, n - i)),
            3,
            clock.instant());
      }
      fx.exec("ANALYZE");
      CountingProvider provider = new CountingProvider();
      List<CallTaskDispatcher> ds = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        ds.add(
            Dispatchers.create(
                "bench-" + i, db.dataSource(), provider, clock, Dispatchers.openGuards(), batch));
      }
      long start = System.nanoTime();
      ds.forEach(CallTaskDispatcher::start);
      while (ds.stream().mapToLong(d -> d.counters().dialed()).sum() < n) {
        Thread.sleep(2);
        if (System.nanoTime() - start > 600_000_000_000L) {
          throw new IllegalStateException("benchmark did not finish in 10 minutes");
        }
      }
      long nanos = System.nanoTime() - start;
      ds.forEach(CallTaskDispatcher::close);
      long sessions = fx.count("SELECT count(*) FROM call_sessions");
      System.out.printf(
          "instances=%d tasks=%d batch=%d: %.0f dials/s (%.2f s), provider dials=%d, duplicates=%d,"
              + " sessions=%d, fence misses=%d%n",
          instances,
          n,
          batch,
          n / (nanos / 1e9),
          nanos / 1e9,
          provider.total.get(),
          provider.duplicates(),
          sessions,
          ds.stream().mapToLong(d -> d.counters().fenceMisses()).sum());
      if (provider.duplicates() != 0 || provider.total.get() != n || sessions != n) {
        throw new IllegalStateException("duplicates or lost dials");
      }
    }
  }
}
