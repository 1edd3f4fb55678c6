package dev.parley.control.support;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Counts what the application asks of its database in servers started with {@code
 * parley.test.count-statements=true}: connections taken from the pool (Hikari's metrics hook),
 * statements executed with their SQL, and commits (the pool makes its physical connections through
 * a data source that wraps each one). The beans keep their types; only the pool's configuration is
 * touched. Everything that uses the pool is counted, including the dispatcher.
 */
@Singleton
@Requires(property = "parley.test.count-statements", value = "true")
public final class StatementCounter implements BeanCreatedEventListener<DatasourceConfiguration> {
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger commits = new AtomicInteger();
  private final List<String> statements = new CopyOnWriteArrayList<>();
  // The pool's own statements, not the caller's: the liveness check before it hands out a
  // connection that sat idle, and the set-up of each new physical connection.
  private final Set<String> poolStatements = ConcurrentHashMap.newKeySet();

  @Override
  public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
    DatasourceConfiguration config = event.getBean();
    Stream.of(config.getConnectionTestQuery(), config.getConnectionInitSql())
        .filter(Objects::nonNull)
        .forEach(poolStatements::add);
    config.setMetricsTrackerFactory(
        (pool, stats) ->
            new IMetricsTracker() {
              @Override
              public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
                connections.incrementAndGet();
              }
            });
    // The URL and credentials are read when the pool connects: another listener
    // (InfrastructureWiring) may set them after this one ran.
    PGSimpleDataSource physical =
        new PGSimpleDataSource() {
          @Override
          public Connection getConnection() throws SQLException {
            return getConnection(config.getUsername(), config.getPassword());
          }

          @Override
          public Connection getConnection(String user, String password) throws SQLException {
            setUrl(config.getJdbcUrl());
            return super.getConnection(user, password);
          }
        };
    config.setDataSource(wrap(DataSource.class, physical, null));
    return config;
  }

  /** Forgets everything counted so far. */
  public void reset() {
    connections.set(0);
    commits.set(0);
    statements.clear();
  }

  /** Connections taken from the pool since the last reset. */
  public int connections() {
    return connections.get();
  }

  public int commits() {
    return commits.get();
  }

  /**
   * The SQL of every statement executed since the last reset, in order, except the pool's own
   * validation and connection set-up statements.
   */
  public List<String> statements() {
    return List.copyOf(statements);
  }

  private <T> T wrap(Class<T> type, Object target, String sql) {
    return type.cast(
        Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {type}, new Counting(target, sql)));
  }

  /** Forwards every call to the real object, counting on the way and wrapping what it hands out. */
  private final class Counting implements InvocationHandler {
    private final Object target;
    private final String sql;

    Counting(Object target, String sql) {
      this.target = target;
      this.sql = sql;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      String name = method.getName();
      if (target instanceof DataSource && name.equals("getConnection")) {
        return wrap(Connection.class, result, null);
      }
      if (target instanceof Connection) {
        switch (name) {
          case "commit" -> commits.incrementAndGet();
          case "prepareStatement" -> {
            return wrap(PreparedStatement.class, result, (String) args[0]);
          }
          case "prepareCall" -> {
            return wrap(CallableStatement.class, result, (String) args[0]);
          }
          case "createStatement" -> {
            return wrap(Statement.class, result, null);
          }
          default -> {}
        }
        return result;
      }
      if (target instanceof Statement && name.startsWith("execute")) {
        String executed = args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
        if (executed == null || !poolStatements.contains(executed)) {
          statements.add(executed);
        }
      }
      return result;
    }
  }
}
