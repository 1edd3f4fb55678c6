package dev.parley.control.dispatch;

import dev.parley.control.guard.DialGuards;
import dev.parley.control.guard.GuardConfig;
import dev.parley.control.telephony.TelephonyProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import javax.sql.DataSource;

/** Builds dispatcher instances for tests and the benchmark. */
public final class Dispatchers {
  private Dispatchers() {}

  /** Guards with rate limits off and a cap high enough not to matter. */
  public static GuardConfig openGuards() {
    return GuardConfig.defaults().withRateLimits(false).withMaxConcurrentCalls(1_000_000);
  }

  public static CallTaskDispatcher create(
      String owner,
      DataSource ds,
      TelephonyProvider provider,
      Clock clock,
      GuardConfig guards,
      int batchSize) {
    return new CallTaskDispatcher(
        new DispatcherConfig(owner, batchSize, 2, 8, Duration.ofSeconds(30), Duration.ofMillis(20)),
        ds,
        new DialGuards(guards, clock),
        provider,
        DialPreparation.NONE,
        new AttemptOutcomes(RetryPolicy.defaults(), clock, new Random(7)),
        clock);
  }
}
