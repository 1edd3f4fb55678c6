package dev.parley.control.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends zombie calls: a live session with no media event and no provider callback for longer than
 * {@code maxSilence} (its {@code last_activity_at}) is completed (if it was answered) or failed,
 * with the reason recorded, and its provider call is hung up. Runs on its own thread; each sweep is
 * guarded, logged and counted, and the loop never dies.
 */
public final class ZombieCallWatchdog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ZombieCallWatchdog.class);

  private final DataSource dataSource;
  private final SessionEnder ender;
  private final Clock clock;
  private final Duration maxSilence;
  private final LongAdder sweeps = new LongAdder();
  private final LongAdder ended = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final PeriodicSweep loop;

  public ZombieCallWatchdog(
      DataSource dataSource,
      SessionEnder ender,
      Clock clock,
      Duration maxSilence,
      Duration interval) {
    this.dataSource = dataSource;
    this.ender = ender;
    this.clock = clock;
    this.maxSilence = maxSilence;
    this.loop =
        new PeriodicSweep("zombie-call-watchdog", interval, this::sweep, failures::increment);
  }

  /** Starts sweeping every interval. */
  public void start() {
    loop.start();
  }

  /** One sweep; returns how many sessions it ended. */
  public int sweep() throws Exception {
    sweeps.increment();
    List<UUID> silent = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM call_sessions WHERE status IN ('initiated', 'ringing', 'connected')"
                    + " AND COALESCE(last_activity_at, updated_at) < ? ORDER BY updated_at LIMIT 200")) {
      ps.setTimestamp(1, Timestamp.from(clock.instant().minus(maxSilence)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          silent.add(rs.getObject(1, UUID.class));
        }
      }
    }
    if (silent.isEmpty()) {
      return 0;
    }
    int n =
        ender.end(
            silent, "watchdog: no media or callback for " + maxSilence.toSeconds() + " s", true);
    ended.add(n);
    if (n > 0) {
      log.warn("watchdog ended {} zombie call(s)", n);
    }
    return n;
  }

  /** Sweeps run, sessions ended, sweeps that failed. */
  public long[] counters() {
    return new long[] {sweeps.sum(), ended.sum(), failures.sum()};
  }

  @Override
  public void close() {
    loop.close();
  }
}
