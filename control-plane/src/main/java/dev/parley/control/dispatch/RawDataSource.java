package dev.parley.control.dispatch;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The pool behind Micronaut's data source. Micronaut Data hands out a proxy that binds connections
 * to its own transactions; the dispatcher and webhooks manage their own transactions on plain
 * connections (one per batch), so they take the pool itself.
 */
public final class RawDataSource {
  private RawDataSource() {}

  /** The Hikari pool behind {@code ds}, or {@code ds} itself when it is not a wrapper of one. */
  public static DataSource of(DataSource ds) {
    try {
      if (ds.isWrapperFor(HikariDataSource.class)) {
        return ds.unwrap(HikariDataSource.class);
      }
    } catch (SQLException e) {
      // Not a wrapper after all: use it as it is.
    }
    return ds;
  }
}
