package dev.parley.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * Parley's PostgreSQL and Redis: the ones named by {@code DATABASE_URL} and {@code REDIS_URL}, or,
 * where a variable is unset, a real server started here on a free loopback port (PostgreSQL from
 * zonky's embedded binaries, Redis from codemonstur's embedded-redis).
 *
 * <p>Closing stops whatever this instance started, once; a JVM shutdown hook closes it too, so an
 * interrupted run leaves no server behind.
 */
public final class EmbeddedServers implements AutoCloseable {
  /** Environment variable naming an external PostgreSQL. */
  public static final String DATABASE_URL = "DATABASE_URL";

  /** Environment variable naming an external Redis. */
  public static final String REDIS_URL = "REDIS_URL";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

  private final DatabaseEndpoint database;
  private final RedisEndpoint redis;
  private final EmbeddedPostgres postgres;
  private final RedisServer redisServer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;

  private EmbeddedServers(
      DatabaseEndpoint database,
      RedisEndpoint redis,
      EmbeddedPostgres postgres,
      RedisServer redisServer) {
    this.database = database;
    this.redis = redis;
    this.postgres = postgres;
    this.redisServer = redisServer;
    this.shutdownHook = new Thread(this::stopServers, "parley-embedded-servers-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Resolves both servers from the process environment. */
  public static EmbeddedServers startFromEnvironment() {
    return start(System.getenv());
  }

  /**
   * Resolves both servers from {@code env}: each variable that is set and non-blank names an
   * external server; each that is not gets an embedded one.
   */
  public static EmbeddedServers start(Map<String, String> env) {
    String databaseUrl = env.get(DATABASE_URL);
    String redisUrl = env.get(REDIS_URL);
    boolean externalDb = databaseUrl != null && !databaseUrl.isBlank();
    boolean externalRedis = redisUrl != null && !redisUrl.isBlank();
    // Parse before starting anything, so a bad variable fails fast and leaves nothing running.
    DatabaseEndpoint externalDatabase = externalDb ? DatabaseEndpoint.parse(databaseUrl) : null;
    RedisEndpoint externalRedisEndpoint = externalRedis ? RedisEndpoint.parse(redisUrl) : null;

    EmbeddedPostgres postgres = null;
    RedisServer redisServer = null;
    try {
      DatabaseEndpoint database;
      if (externalDb) {
        database = externalDatabase;
      } else {
        postgres = startPostgres();
        database =
            new DatabaseEndpoint(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", true);
      }
      RedisEndpoint redis;
      if (externalRedis) {
        redis = externalRedisEndpoint;
      } else {
        int port = freePort();
        redisServer = startRedis(port);
        redis = new RedisEndpoint("redis://127.0.0.1:" + port, true);
      }
      log.info("PostgreSQL: {}; Redis: {}", database, redis);
      return new EmbeddedServers(database, redis, postgres, redisServer);
    } catch (RuntimeException | IOException e) {
      stopQuietly(postgres, redisServer);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("could not start embedded servers", io);
      }
      throw (RuntimeException) e;
    }
  }

  /** Starts a fresh embedded PostgreSQL with a throw-away data directory. */
  private static EmbeddedPostgres startPostgres() throws IOException {
    return EmbeddedPostgres.builder()
        .setPort(freePort())
        .setCleanDataDirectory(true)
        .setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off")
        .setServerConfig("full_page_writes", "off")
        .setServerConfig("max_connections", "300")
        .start();
  }

  private static RedisServer startRedis(int port) throws IOException {
    RedisServer server =
        RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .onShutdownForceStop(true)
            .build();
    server.start();
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** PostgreSQL to use. */
  public DatabaseEndpoint database() {
    return database;
  }

  /** Redis to use. */
  public RedisEndpoint redis() {
    return redis;
  }

  /** Stops the servers this instance started; external servers are left alone. Idempotent. */
  @Override
  public void close() {
    stopServers();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called from within shutdown: the hook is running or has run; nothing to remove.
    }
  }

  private void stopServers() {
    if (closed.compareAndSet(false, true)) {
      stopQuietly(postgres, redisServer);
    }
  }

  private static void stopQuietly(EmbeddedPostgres postgres, RedisServer redisServer) {
    if (redisServer != null) {
      try {
        redisServer.stop();
      } catch (IOException | RuntimeException e) {
        log.warn("embedded Redis did not stop cleanly", e);
      }
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException | RuntimeException e) {
        log.warn("embedded PostgreSQL did not stop cleanly", e);
      }
    }
  }
}
