package dev.parley.control.infra;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The only place the wall clock is read; everything else injects this {@link Clock}. */
@Factory
public final class ClockFactory {
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
