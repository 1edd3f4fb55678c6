package dev.parley.control.support;

import dev.parley.control.account.AccountService;
import dev.parley.control.account.UserRole;
import dev.parley.embedded.DatabaseEndpoint;
import dev.parley.embedded.EmbeddedServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control plane running on a real port against a private, freshly created database on the test
 * PostgreSQL ({@code DATABASE_URL}, else an embedded server). {@link #shared()} is one server for
 * every test class in the JVM (started once, stopped and its database dropped at exit); {@link
 * #start(String)} starts a separate one, e.g. with a non-UTC session time zone.
 */
public final class TestServer implements AutoCloseable {
  /** The bootstrap admin's key in test servers. */
  public static final String BOOTSTRAP_KEY =
      "pk_bootstrapTes_" + "0123456789abcdefghijABCDEFGHIJ0123456789";

  private static EmbeddedServers servers;
  private static TestServer shared;
  private static final AtomicInteger TENANTS = new AtomicInteger();

  private final String database;
  private final EmbeddedServer server;
  private final JsonMapper json;

  private TestServer(String database, EmbeddedServer server) {
    this.database = database;
    this.server = server;
    this.json = server.getApplicationContext().getBean(JsonMapper.class);
  }

  /** The server shared by all test classes (database session time zone UTC). */
  public static synchronized TestServer shared() {
    if (shared == null) {
      shared = start("UTC");
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-server-shutdown"));
    }
    return shared;
  }

  /** Starts a server whose database sessions use {@code sessionTimeZone}. */
  public static TestServer start(String sessionTimeZone) {
    return start(sessionTimeZone, Map.of());
  }

  /** Starts a server with {@code extra} configuration properties on top of the test defaults. */
  public static TestServer start(String sessionTimeZone, Map<String, Object> extra) {
    DatabaseEndpoint admin = postgres();
    String database =
        "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database", e);
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("database.url", withDatabase(admin.jdbcUrl(), database));
    properties.put("redis.url", servers.redis().uri());
    properties.put("datasources.default.username", admin.username());
    properties.put("datasources.default.password", admin.password());
    properties.put("datasources.default.maximum-pool-size", 20);
    properties.put(
        "datasources.default.connection-init-sql", "SET TIME ZONE '" + sessionTimeZone + "'");
    properties.put("micronaut.server.port", -1);
    properties.put("parley.test.settable-clock", "true");
    properties.put("parley.bootstrap.api-key", BOOTSTRAP_KEY);
    properties.putAll(extra);
    EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    return new TestServer(database, server);
  }

  private static synchronized DatabaseEndpoint postgres() {
    if (servers == null) {
      servers = EmbeddedServers.startFromEnvironment();
    }
    return servers.database();
  }

  static String withDatabase(String jdbcUrl, String database) {
    int scheme = jdbcUrl.indexOf("//");
    int slash = jdbcUrl.indexOf('/', scheme + 2);
    int query = jdbcUrl.indexOf('?', slash);
    return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
  }

  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  public <T> T bean(Class<T> type) {
    return context().getBean(type);
  }

  public SettableClock clock() {
    return bean(SettableClock.class);
  }

  public URI uri() {
    return server.getURI();
  }

  /** An API client with {@code key}. */
  public Api api(String key) {
    return new Api(server.getURI(), key, json);
  }

  /** A new organisation with one user of the given role. */
  public Tenant newTenant(UserRole role) {
    int n = TENANTS.incrementAndGet();
    String tag = UUID.randomUUID().toString().substring(0, 8);
    AccountService.NewTenant t =
        bean(AccountService.class)
            .createTenant("Org " + n, "User " + n, "user-" + tag + "@example.com", role, null);
    return new Tenant(
        t.organization().id(), t.user().id(), t.key().secret(), api(t.key().secret()));
  }

  public Tenant newTenant() {
    return newTenant(UserRole.MEMBER);
  }

  /** Opens a plain JDBC connection to this server's database (for checks behind the API). */
  public Connection jdbc() throws SQLException {
    DatabaseEndpoint admin = postgres();
    return DriverManager.getConnection(
        withDatabase(admin.jdbcUrl(), database), admin.username(), admin.password());
  }

  @Override
  public void close() {
    server.getApplicationContext().close();
    DatabaseEndpoint admin = postgres();
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      // The server is going away with the JVM; a leftover database is only disk space.
    }
  }

  /** One organisation's user and their API client. */
  public record Tenant(UUID organizationId, UUID userId, String key, Api api) {}
}
