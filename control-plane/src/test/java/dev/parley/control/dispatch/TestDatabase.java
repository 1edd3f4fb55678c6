package dev.parley.control.dispatch;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.embedded.DatabaseEndpoint;
import dev.parley.embedded.EmbeddedServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A private, freshly migrated database on the test PostgreSQL ({@code DATABASE_URL}, else an
 * embedded server shared by the whole test JVM). Each test class gets its own database, so the
 * dispatcher's claims never see another suite's rows; it is dropped on close.
 */
public final class TestDatabase implements AutoCloseable {
  private static EmbeddedServers servers;

  private final DatabaseEndpoint admin;
  private final String name;
  private final HikariDataSource dataSource;

  private TestDatabase(DatabaseEndpoint admin, String name, HikariDataSource dataSource) {
    this.admin = admin;
    this.name = name;
    this.dataSource = dataSource;
  }

  /** The endpoint of the shared test server. */
  public static synchronized DatabaseEndpoint server() {
    if (servers == null) {
      servers = EmbeddedServers.startFromEnvironment();
    }
    return servers.database();
  }

  /** The Redis URI of the shared test server. */
  public static synchronized String redisUri() {
    server();
    return servers.redis().uri();
  }

  /**
   * Creates and migrates a database whose sessions use {@code timeZone}; {@code poolSize}
   * connections.
   */
  public static TestDatabase create(String timeZone, int poolSize) throws SQLException {
    DatabaseEndpoint admin = server();
    String name = "parley_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    String url = withDatabase(admin.jdbcUrl(), name);
    Flyway.configure()
        .dataSource(url, admin.username(), admin.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setUsername(admin.username());
    hc.setPassword(admin.password());
    hc.setMaximumPoolSize(poolSize);
    hc.setConnectionInitSql("SET TIME ZONE '" + timeZone + "'");
    return new TestDatabase(admin, name, new HikariDataSource(hc));
  }

  static String withDatabase(String jdbcUrl, String database) {
    int scheme = jdbcUrl.indexOf("//");
    int slash = jdbcUrl.indexOf('/', scheme + 2);
    int query = jdbcUrl.indexOf('?', slash);
    return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
  }

  /** The pooled data source. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The JDBC URL of this database. */
  public String jdbcUrl() {
    return dataSource.getJdbcUrl();
  }

  @Override
  public void close() throws SQLException {
    dataSource.close();
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name.toLowerCase(Locale.ROOT) + " WITH (FORCE)");
    }
  }
}
