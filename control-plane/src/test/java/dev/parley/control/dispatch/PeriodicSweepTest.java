package dev.parley.control.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicSweepTest {

  @Test
  void aRunThatThrowsIsCountedAndTheNextRunStillComes() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch fourRuns = new CountDownLatch(4);
    try (PeriodicSweep sweep =
        new PeriodicSweep(
            "test-sweep",
            Duration.ofMillis(5),
            () -> {
              int n = runs.incrementAndGet();
              fourRuns.countDown();
              if (n % 2 == 1) {
                throw new IllegalStateException("run " + n + " fails");
              }
            },
            failures::incrementAndGet)) {
      sweep.start();
      sweep.start(); // a second start adds no second loop
      assertThat(fourRuns.await(30, TimeUnit.SECONDS)).isTrue();
    }
    int afterClose = runs.get();
    assertThat(failures.get()).isBetween(afterClose / 2, (afterClose + 1) / 2);
    Thread.sleep(50);
    assertThat(runs.get()).as("no run after close").isEqualTo(afterClose);
  }

  @Test
  void anIntervalMustBePositive() {
    assertThatThrownBy(() -> new PeriodicSweep("x", Duration.ZERO, () -> {}, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x: the interval must be positive");
  }
}
