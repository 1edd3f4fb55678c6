package dev.parley.launcher.support;

import dev.parley.embedded.DatabaseEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A database of its own for one test class that runs a whole Parley. Every Parley runs a
 * dispatcher, and a dispatcher claims any due task in its database: two test classes (or two
 * builds) sharing one would dial each other's tasks. With {@code DATABASE_URL} set, a fresh
 * database is created on that server; without it, each Parley starts its own embedded one anyway.
 */
public final class IsolatedDatabase {
  private IsolatedDatabase() {}

  /** Control-plane properties that point it at a fresh database (empty when embedded). */
  public static Map<String, Object> properties() {
    String url = System.getenv("DATABASE_URL");
    Map<String, Object> p = new LinkedHashMap<>();
    if (url == null || url.isBlank()) {
      return p;
    }
    DatabaseEndpoint admin = DatabaseEndpoint.parse(url);
    String name = "parley_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on " + admin, e);
    }
    // Dropped when the test JVM exits, so runs do not pile databases up on the shared server.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin, name), "drop-" + name));
    p.put("database.url", withDatabase(admin.jdbcUrl(), name));
    p.put("datasources.default.username", admin.username());
    if (admin.password() != null) {
      p.put("datasources.default.password", admin.password());
    }
    return p;
  }

  private static void drop(DatabaseEndpoint admin, String name) {
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("could not drop test database " + name + ": " + e.getMessage());
    }
  }

  /** {@code jdbcUrl} with its database name replaced by {@code database}. */
  static String withDatabase(String jdbcUrl, String database) {
    int scheme = jdbcUrl.indexOf("//");
    int slash = jdbcUrl.indexOf('/', scheme + 2);
    int query = jdbcUrl.indexOf('?', slash);
    return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
  }
}
