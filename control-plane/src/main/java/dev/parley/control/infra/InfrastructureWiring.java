package dev.parley.control.infra;

import dev.parley.embedded.DatabaseEndpoint;
import dev.parley.embedded.EmbeddedServers;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where {@code DATABASE_URL} and {@code REDIS_URL} (properties {@code database.url}
 * and {@code redis.url}) become the data source and Redis settings. Where one is unset, {@link
 * EmbeddedServers} starts a real embedded server for it, stopped with the application context.
 */
@Singleton
public final class InfrastructureWiring
    implements BeanCreatedEventListener<DatasourceConfiguration>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InfrastructureWiring.class);

  private final Map<String, String> environment = new HashMap<>();
  private EmbeddedServers servers;

  InfrastructureWiring(
      @Nullable @Value("${database.url:}") String databaseUrl,
      @Nullable @Value("${redis.url:}") String redisUrl) {
    if (databaseUrl != null && !databaseUrl.isBlank()) {
      environment.put(EmbeddedServers.DATABASE_URL, databaseUrl);
    }
    if (redisUrl != null && !redisUrl.isBlank()) {
      environment.put(EmbeddedServers.REDIS_URL, redisUrl);
    }
  }

  /** The resolved servers, starting embedded ones on first use. */
  public synchronized EmbeddedServers servers() {
    if (servers == null) {
      servers = EmbeddedServers.start(environment);
    }
    return servers;
  }

  @Override
  public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
    DatasourceConfiguration config = event.getBean();
    if ("default".equals(config.getName())) {
      DatabaseEndpoint database = servers().database();
      config.setUrl(database.jdbcUrl());
      config.setUsername(database.username());
      config.setPassword(database.password());
      LOG.info("Postgres: {}", database);
    }
    return config;
  }

  /** The Redis URI the session cache connects to. */
  public String redisUri() {
    return servers().redis().uri();
  }

  @Override
  @PreDestroy
  public synchronized void close() {
    if (servers != null) {
      servers.close();
      servers = null;
    }
  }
}
