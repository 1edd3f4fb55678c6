package dev.parley.control.support;

import dev.parley.control.infra.ClockFactory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand; replaces the application clock when the test harness asks. */
@Singleton
@Replaces(bean = Clock.class, factory = ClockFactory.class)
@Requires(property = "parley.test.settable-clock", value = "true")
public final class SettableClock extends Clock {
  /** A fixed, microsecond-aligned start so stored and read times compare exactly. */
  public static final Instant START = Instant.parse("2026-03-14T15:09:26.535897Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(START);

  public void set(Instant instant) {
    now.set(instant);
  }

  public Instant advance(Duration by) {
    return now.updateAndGet(i -> i.plus(by));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the application clock is always UTC");
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
