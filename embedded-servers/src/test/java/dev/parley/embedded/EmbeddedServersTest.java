package dev.parley.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Both paths: embedded servers started here, and external ones named by the environment. */
class EmbeddedServersTest {

  @Test
  void startsRealEmbeddedServersAndStopsThem() throws Exception {
    DatabaseEndpoint db;
    RedisEndpoint redis;
    try (EmbeddedServers servers = EmbeddedServers.start(Map.of())) {
      db = servers.database();
      redis = servers.redis();
      assertThat(db.embedded()).isTrue();
      assertThat(redis.embedded()).isTrue();
      assertRoundTrips(db, redis);
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
          ResultSet rs = c.createStatement().executeQuery("show server_version_num")) {
        rs.next();
        assertThat(rs.getInt(1)).as("a current PostgreSQL").isGreaterThanOrEqualTo(160000);
      }
    }
    URI redisUri = URI.create(redis.uri());
    assertThat(isListening(redisUri.getHost(), redisUri.getPort()))
        .as("embedded Redis stopped on close")
        .isFalse();
    assertThatThrownBy(
            () -> DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password()))
        .as("embedded PostgreSQL stopped on close")
        .isInstanceOf(java.sql.SQLException.class);
  }

  @Test
  void usesExternalServersNamedByTheEnvironment() throws Exception {
    String databaseUrl = System.getenv(EmbeddedServers.DATABASE_URL);
    String redisUrl = System.getenv(EmbeddedServers.REDIS_URL);
    assumeTrue(databaseUrl != null && redisUrl != null, "DATABASE_URL and REDIS_URL not set");
    try (EmbeddedServers servers =
        EmbeddedServers.start(
            Map.of(
                EmbeddedServers.DATABASE_URL, databaseUrl, EmbeddedServers.REDIS_URL, redisUrl))) {
      assertThat(servers.database().embedded()).isFalse();
      assertThat(servers.redis().embedded()).isFalse();
      assertRoundTrips(servers.database(), servers.redis());
    }
    // Closing must not touch servers we did not start.
    URI redisUri = URI.create(redisUrl);
    assertThat(
            isListening(redisUri.getHost(), redisUri.getPort() == -1 ? 6379 : redisUri.getPort()))
        .isTrue();
  }

  @Test
  void parsesTheUsualDatabaseUrlForms() {
    DatabaseEndpoint a = DatabaseEndpoint.parse("postgres://alice:s%40cret@db.example:6543/parley");
    assertThat(a.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/parley");
    assertThat(a.username()).isEqualTo("alice");
    assertThat(a.password()).isEqualTo("s@cret");
    assertThat(a.toString()).doesNotContain("s@cret");

    DatabaseEndpoint b =
        DatabaseEndpoint.parse("postgresql://postgres@127.0.0.1/test?sslmode=disable");
    assertThat(b.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable");
    assertThat(b.username()).isEqualTo("postgres");
    assertThat(b.password()).isEmpty();

    DatabaseEndpoint c = DatabaseEndpoint.parse("jdbc:postgresql://h:5/d?user=bob&password=pw");
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5/d?user=bob&password=pw");
    assertThat(c.username()).isEqualTo("bob");
    assertThat(c.password()).isEqualTo("pw");
  }

  @Test
  void refusesMalformedUrlsBeforeStartingAnything() {
    assertThatThrownBy(() -> EmbeddedServers.start(Map.of("DATABASE_URL", "mysql://x/y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DATABASE_URL");
    assertThatThrownBy(() -> EmbeddedServers.start(Map.of("REDIS_URL", "http://x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REDIS_URL");
    assertThatThrownBy(() -> DatabaseEndpoint.parse("postgres:///nohost"))
        .hasMessageContaining("no host");
  }

  private static void assertRoundTrips(DatabaseEndpoint db, RedisEndpoint redis) throws Exception {
    String table = "embedded_check_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        Statement s = c.createStatement()) {
      s.execute("create temporary table " + table + " (id int primary key, v text not null)");
      s.execute("insert into " + table + " values (1, 'parley')");
      try (ResultSet rs = s.executeQuery("select v from " + table + " where id = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("parley");
      }
    }
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      String key = "parley:embedded-check:" + UUID.randomUUID();
      connection.sync().setex(key, 30, "hello");
      assertThat(connection.sync().get(key)).isEqualTo("hello");
      connection.sync().del(key);
    } finally {
      client.shutdown();
    }
  }

  private static boolean isListening(String host, int port) {
    try (Socket ignored = new Socket(host, port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
