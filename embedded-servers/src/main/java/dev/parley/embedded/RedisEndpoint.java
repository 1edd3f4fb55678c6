package dev.parley.embedded;

import java.net.URI;
import java.util.Objects;

/**
 * Where Parley's Redis is, as a {@code redis://} URI Lettuce understands, and whether Parley
 * started it.
 */
public record RedisEndpoint(String uri, boolean embedded) {

  public RedisEndpoint {
    Objects.requireNonNull(uri, "uri");
  }

  /** Checks a {@code REDIS_URL}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static RedisEndpoint parse(String redisUrl) {
    if (redisUrl == null || redisUrl.isBlank()) {
      throw new IllegalArgumentException("REDIS_URL is empty");
    }
    String url = redisUrl.trim();
    if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
      throw new IllegalArgumentException("REDIS_URL must start with redis:// or rediss://");
    }
    try {
      if (URI.create(url).getHost() == null) {
        throw new IllegalArgumentException("REDIS_URL has no host");
      }
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("REDIS_URL")) {
        throw e;
      }
      throw new IllegalArgumentException("REDIS_URL is not a valid URL: " + url, e);
    }
    return new RedisEndpoint(url, false);
  }

  /** The host and port, for logs; credentials are never printed. */
  @Override
  public String toString() {
    URI u = URI.create(uri);
    return "RedisEndpoint["
        + u.getScheme()
        + "://"
        + u.getHost()
        + ":"
        + (u.getPort() == -1 ? 6379 : u.getPort())
        + (embedded ? ", embedded" : "")
        + "]";
  }
}
