package dev.parley.control.guard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * The rate-limit answer for the task-create endpoint: how long the user must wait before one more
 * dial of a kind fits their limits. A positive answer is a 429 with {@code Retry-After} in whole
 * seconds (rounded up); zero means go ahead. The same windows and counts as {@link DialGuards}.
 */
public final class RateLimitAdvisor {
  private final DialGuards guards;

  public RateLimitAdvisor(DialGuards guards) {
    this.guards = guards;
  }

  /**
   * Seconds (rounded up) until user {@code ownerUserId} may place one more dial of task kind {@code
   * kind}, or 0. Reads on the caller's connection, so a create that runs in one transaction does
   * not take a second pooled connection (which, with every connection held by such creates, would
   * wait for one until the pool's timeout).
   */
  public long retryAfterSeconds(Connection c, UUID ownerUserId, String kind) throws SQLException {
    if ("inbound".equals(kind)) {
      return 0;
    }
    Duration d = guards.retryAfter(c, ownerUserId, kind);
    if (d.isZero()) {
      return 0;
    }
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }
}
