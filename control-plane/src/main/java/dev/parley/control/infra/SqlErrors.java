package dev.parley.control.infra;

import java.sql.SQLException;

/** Reads what the database said from an exception chain. */
public final class SqlErrors {
  /** SQLSTATE of a unique-constraint violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  private SqlErrors() {}

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
