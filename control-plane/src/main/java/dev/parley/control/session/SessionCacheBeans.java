package dev.parley.control.session;

import dev.parley.control.dispatch.RawDataSource;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import javax.sql.DataSource;

/** Wires the Redis session cache over the shared Lettuce connection. */
@Factory
public class SessionCacheBeans {
  @Singleton
  CallSessionCache callSessionCache(
      StatefulRedisConnection<String, String> redis,
      DataSource dataSource,
      @Value("${parley.session-cache.ttl:2h}") Duration ttl,
      @Value("${parley.session-cache.timeout:300ms}") Duration timeout) {
    return new CallSessionCache(
        redis, new PostgresCallStateLoader(RawDataSource.of(dataSource)), ttl, timeout);
  }
}
