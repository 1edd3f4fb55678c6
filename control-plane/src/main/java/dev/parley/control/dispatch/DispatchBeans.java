package dev.parley.control.dispatch;

import dev.parley.control.guard.DialGuards;
import dev.parley.control.guard.DoNotCallList;
import dev.parley.control.guard.GuardConfig;
import dev.parley.control.guard.RateLimitAdvisor;
import dev.parley.control.telephony.TelephonyProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Wires the dispatcher, its guards, retry policy and watchdog from configuration. Whether their
 * loops run is {@link DispatchLoops}' decision.
 */
@Factory
public class DispatchBeans {

  @Singleton
  GuardConfig guardConfig(
      @Nullable @Value("${parley.allow-list-mode:}") String allowListMode,
      @Nullable @Value("${database.url:}") String databaseUrl,
      @Value("${parley.calling-hours.start}") String start,
      @Value("${parley.calling-hours.end}") String end,
      @Value("${parley.rate-limits.enabled:true}") boolean rateLimits,
      @Value("${parley.rate-limits.manual-per-hour:5}") int manualHour,
      @Value("${parley.rate-limits.manual-per-day:20}") int manualDay,
      @Value("${parley.rate-limits.automated-per-hour:10}") int autoHour,
      @Value("${parley.rate-limits.automated-per-day:50}") int autoDay,
      @Value("${parley.max-concurrent-calls:100}") int maxConcurrent) {
    // Unset: on for the embedded demo (no DATABASE_URL), off for a deployment with its own
    // database.
    boolean allowList =
        allowListMode == null || allowListMode.isBlank()
            ? databaseUrl == null || databaseUrl.isBlank()
            : Boolean.parseBoolean(allowListMode);
    return new GuardConfig(
        allowList,
        LocalTime.parse(start),
        LocalTime.parse(end),
        rateLimits,
        manualHour,
        manualDay,
        autoHour,
        autoDay,
        maxConcurrent,
        Duration.ofSeconds(15));
  }

  @Singleton
  DialGuards dialGuards(GuardConfig config, Clock clock) {
    return new DialGuards(config, clock);
  }

  /** For the dialog agent: an opt-out during a call puts the number on the do-not-call list. */
  @Singleton
  DoNotCallList doNotCallList(DataSource dataSource, Clock clock) {
    return new DoNotCallList(RawDataSource.of(dataSource), clock);
  }

  /** For the task-create endpoint's 429 with Retry-After. */
  @Singleton
  RateLimitAdvisor rateLimitAdvisor(DialGuards guards) {
    return new RateLimitAdvisor(guards);
  }

  @Singleton
  RetryPolicy retryPolicy(
      @Value("${parley.retry.base:2m}") Duration base,
      @Value("${parley.retry.max:2h}") Duration max,
      @Value("${parley.retry.jitter:0.2}") double jitter) {
    return new RetryPolicy(base, max, jitter);
  }

  @Singleton
  AttemptOutcomes attemptOutcomes(RetryPolicy policy, Clock clock) {
    return new AttemptOutcomes(policy, clock, new Random());
  }

  @Singleton
  SessionEnder sessionEnder(
      DataSource dataSource, AttemptOutcomes outcomes, TelephonyProvider provider, Clock clock) {
    return new SessionEnder(RawDataSource.of(dataSource), outcomes, provider, clock);
  }

  /** The zombie-call watchdog; started by {@link DispatchLoops} when switched on. */
  @Singleton
  @Bean(preDestroy = "close")
  ZombieCallWatchdog zombieCallWatchdog(
      DataSource dataSource,
      SessionEnder ender,
      Clock clock,
      @Value("${parley.watchdog.max-silence:5m}") Duration maxSilence,
      @Value("${parley.watchdog.interval:30s}") Duration interval) {
    return new ZombieCallWatchdog(RawDataSource.of(dataSource), ender, clock, maxSilence, interval);
  }

  /** This instance's dispatcher; started by {@link DispatchLoops} when switched on. */
  @Singleton
  @Bean(preDestroy = "close")
  CallTaskDispatcher callTaskDispatcher(
      DataSource dataSource,
      DialGuards guards,
      TelephonyProvider provider,
      @Nullable DialPreparation preparation,
      AttemptOutcomes outcomes,
      Clock clock,
      @Value("${parley.dispatcher.batch-size:100}") int batchSize,
      @Value("${parley.dispatcher.batch-workers:2}") int batchWorkers,
      @Value("${parley.dispatcher.dial-threads:16}") int dialThreads,
      @Value("${parley.dispatcher.lease:60s}") Duration lease,
      @Value("${parley.dispatcher.idle-poll:500ms}") Duration idlePoll) {
    CallTaskDispatcher d =
        new CallTaskDispatcher(
            new DispatcherConfig(
                instanceId(), batchSize, batchWorkers, dialThreads, lease, idlePoll),
            RawDataSource.of(dataSource),
            guards,
            provider,
            preparation == null ? DialPreparation.NONE : preparation,
            outcomes,
            clock);
    return d;
  }

  /** host:pid:random, unique per running instance and readable in the tasks table. */
  static String instanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown";
    }
    String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
    return host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8);
  }
}
