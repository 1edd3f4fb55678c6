package dev.parley.control.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit trail refuses updates and deletes in the database itself. */
class CallEventAppendOnlyTest {
  private final TestServer server = TestServer.shared();

  @Test
  void updatesAndDeletesOfCallEventsAreRefused() throws Exception {
    TestServer.Tenant tenant = server.newTenant();
    UUID taskId =
        UUID.fromString(Fixtures.readyTask(tenant.api(), Fixtures.nextPhone()).str("task.id"));
    try (Connection c = server.jdbc();
        Statement s = c.createStatement()) {
      String where = " WHERE task_id = '" + taskId + "'";
      assertThatThrownBy(() -> s.executeUpdate("UPDATE call_events SET type = 'forged'" + where))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM call_events" + where))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
      try (var rs = s.executeQuery("SELECT count(*) FROM call_events" + where)) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(3);
      }
    }
  }
}
