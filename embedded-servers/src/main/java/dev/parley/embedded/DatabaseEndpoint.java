package dev.parley.embedded;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where Parley's PostgreSQL is: a JDBC URL with its credentials, and whether Parley started it.
 *
 * <p>{@link #parse(String)} accepts the forms people put in {@code DATABASE_URL}: {@code
 * postgres://user:pass@host:port/db}, {@code postgresql://…} and {@code jdbc:postgresql://…}
 * (credentials then come from its {@code user} and {@code password} query parameters).
 */
public record DatabaseEndpoint(String jdbcUrl, String username, String password, boolean embedded) {

  public DatabaseEndpoint {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(username, "username");
    password = password == null ? "" : password;
  }

  /**
   * Parses a {@code DATABASE_URL}; throws {@link IllegalArgumentException} saying what is wrong.
   */
  public static DatabaseEndpoint parse(String databaseUrl) {
    if (databaseUrl == null || databaseUrl.isBlank()) {
      throw new IllegalArgumentException("DATABASE_URL is empty");
    }
    String url = databaseUrl.trim();
    if (url.startsWith("jdbc:postgresql:")) {
      URI uri = toUri(url.substring("jdbc:".length()), url);
      String user = queryParameter(uri, "user");
      String password = queryParameter(uri, "password");
      return new DatabaseEndpoint(url, user == null ? "postgres" : user, password, false);
    }
    if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
      throw new IllegalArgumentException(
          "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql://");
    }
    URI uri = toUri(url, url);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("DATABASE_URL has no host");
    }
    String database =
        uri.getPath() == null || uri.getPath().length() <= 1
            ? "postgres"
            : uri.getPath().substring(1);
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    StringBuilder jdbc =
        new StringBuilder("jdbc:postgresql://")
            .append(uri.getHost())
            .append(':')
            .append(port)
            .append('/')
            .append(database);
    if (uri.getRawQuery() != null) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    return new DatabaseEndpoint(jdbc.toString(), user, password, false);
  }

  private static URI toUri(String text, String original) {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("DATABASE_URL is not a valid URL: " + original, e);
    }
  }

  private static String queryParameter(URI uri, String name) {
    if (uri.getRawQuery() == null) {
      return null;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return decode(pair.substring(eq + 1));
      }
    }
    return null;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URL with the password hidden, for logs. */
  @Override
  public String toString() {
    return "DatabaseEndpoint[" + jdbcUrl + " as " + username + (embedded ? ", embedded" : "") + "]";
  }
}
