package dev.parley.control.infra;

import java.sql.SQLException;

/** Reads what the database said from an exception chain. */
public final class SqlErrors {
  /** SQLSTATE of a unique-constraint violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  private SqlErrors() {}

  /** A unit of database work that may be run again from the start. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run() throws SQLException;
  }

  /**
   * True for the errors a transaction cures by running again: a deadlock (40P01) or a serialization
   * failure (40001). The database rolled the loser back; nothing of it was kept.
   */
  public static boolean isRetryable(Throwable error) {
    String state = sqlState(error);
    return "40P01".equals(state) || "40001".equals(state);
  }

  /**
   * Runs {@code work}, which must open and commit (or roll back) its own transaction, again after a
   * deadlock or serialization failure, up to three attempts in all.
   */
  public static <T> T retryingConflicts(SqlWork<T> work) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.run();
      } catch (SQLException | RuntimeException e) {
        if (attempt >= 3 || !isRetryable(e)) {
          throw e;
        }
        try {
          Thread.sleep(10L * attempt + (long) (Math.random() * 20));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The SQLSTATE of the first {@link SQLException} in the cause chain, or null. */
  public static String sqlState(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  /** True if the chain holds a unique violation of the named constraint or index. */
  public static boolean isUniqueViolation(Throwable error, String constraint) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && UNIQUE_VIOLATION.equals(sql.getSQLState())
          && sql.getMessage() != null
          && sql.getMessage().contains(constraint)) {
        return true;
      }
    }
    return false;
  }
}
