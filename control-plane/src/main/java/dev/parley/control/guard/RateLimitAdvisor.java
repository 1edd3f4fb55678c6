package dev.parley.control.guard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The rate-limit answer for the task-create endpoint: how long the user must wait before one more
 * dial of a kind fits their limits. A positive answer is a 429 with {@code Retry-After} in whole
 * seconds (rounded up); zero means go ahead. The same windows and counts as {@link DialGuards}.
 */
public final class RateLimitAdvisor {
  private final DialGuards guards;
  private final DataSource dataSource;

  public RateLimitAdvisor(DialGuards guards, DataSource dataSource) {
    this.guards = guards;
    this.dataSource = dataSource;
  }

  /** How long until user {@code ownerUserId} may place one more dial of task kind {@code kind}. */
  public Duration retryAfter(UUID ownerUserId, String kind) throws SQLException {
    if ("inbound".equals(kind)) {
      return Duration.ZERO;
    }
    try (Connection c = dataSource.getConnection()) {
      return guards.retryAfter(c, ownerUserId, kind);
    }
  }

  /** {@link #retryAfter} as a {@code Retry-After} header value in seconds, or 0. */
  public long retryAfterSeconds(UUID ownerUserId, String kind) throws SQLException {
    Duration d = retryAfter(ownerUserId, kind);
    if (d.isZero()) {
      return 0;
    }
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }
}
