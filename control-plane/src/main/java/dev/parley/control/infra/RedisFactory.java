package dev.parley.control.infra;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Lettuce client and a shared connection, created on first use from {@code REDIS_URL}. */
@Factory
final class RedisFactory {
  @Singleton
  @Bean(preDestroy = "shutdown")
  RedisClient redisClient(InfrastructureWiring wiring) {
    return RedisClient.create(wiring.redisUri());
  }

  @Singleton
  @Bean(preDestroy = "close")
  StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
    return client.connect();
  }
}
