package dev.parley.control.dispatch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background sweep on a daemon thread of its own: runs its body every interval (with a fixed
 * delay between runs, the first an interval after {@link #start}). A run that throws is logged and
 * handed to the owner's failure hook; the next run retries, so one bad row or a database blip never
 * stops the loop. The dispatcher's companions (the zombie-call watchdog, the write-up sweeper, the
 * appointment reminders) each hold one; whether one starts at all is {@link LoopSwitch}'s call.
 */
public final class PeriodicSweep implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeriodicSweep.class);

  /** One run of the sweep; may throw anything, which ends only that run. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  /** How long {@link #close} waits for a run in progress to end. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final String name;
  private final Duration every;
  private final Body body;
  private final Runnable onFailure;
  private ScheduledExecutorService timer;

  /**
   * @param name the thread's name and the log's word for the sweep
   * @param every the delay between the end of one run and the start of the next
   * @param body one run
   * @param onFailure called after a run threw (the owner's failure counter)
   */
  public PeriodicSweep(String name, Duration every, Body body, Runnable onFailure) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException(name + ": the interval must be positive, not " + every);
    }
    this.name = name;
    this.every = every;
    this.body = body;
    this.onFailure = onFailure;
  }

  /** Starts the runs; a second call while running does nothing. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    long millis = every.toMillis();
    timer.scheduleWithFixedDelay(this::guardedRun, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void guardedRun() {
    try {
      body.run();
    } catch (Exception e) {
      onFailure.run();
      log.warn("{} failed; the next run retries", name, e);
    }
  }

  /**
   * Stops the runs: interrupts one in progress and waits up to {@link #CLOSE_WAIT} for it to end,
   * so nothing of the sweep runs after the application has closed it. It may be started again.
   */
  @Override
  public synchronized void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} did not stop within {}", name, CLOSE_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timer = null;
  }
}
