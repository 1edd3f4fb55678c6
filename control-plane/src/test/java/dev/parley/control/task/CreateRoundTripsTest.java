package dev.parley.control.task;

import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.support.Api;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.StatementCounter;
import dev.parley.control.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one task create costs the database, counted on the data source the application uses: with a
 * key that has just been used, a create takes one pooled connection and runs its checks, reads and
 * writes in one transaction, the task written once in its final state and the audit trail in one
 * statement. The audit trail still has every step.
 */
class CreateRoundTripsTest {
  private static TestServer server;
  private static StatementCounter counter;

  @BeforeAll
  static void start() {
    server = TestServer.start("UTC", Map.of("parley.test.count-statements", "true"));
    counter = server.bean(StatementCounter.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aReadyTaskIsOneConnectionOneCommitAndOneInsertPerTable() throws Exception {
    TestServer.Tenant tenant = server.newTenant();
    Api api = tenant.api();
    assertThat(api.get("/api/v1/users/me").status()).isEqualTo(200); // the key is now known

    counter.reset();
    Api.Response created =
        api.post(
            "/api/v1/call-tasks",
            json(
                "instruction", "Ask whether the order has shipped", "phone", Fixtures.nextPhone()));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.str("task.status")).isEqualTo("ready_to_call");
    List<String> sql = counter.statements();
    assertThat(counter.connections()).as(String.join("\n", sql)).isEqualTo(1);
    assertThat(counter.commits()).isEqualTo(1);
    assertThat(sql.stream().filter(s -> s.startsWith("INSERT INTO \"call_tasks\"")).count())
        .as(String.join("\n", sql))
        .isEqualTo(1);
    assertThat(sql.stream().filter(s -> s.startsWith("INSERT INTO call_events")).count())
        .isEqualTo(1);
    assertThat(sql).noneMatch(s -> s.startsWith("UPDATE"));
    assertThat(sql).as(String.join("\n", sql)).hasSizeLessThanOrEqualTo(6);
    assertThat(trail(UUID.fromString(created.str("task.id"))))
        .containsExactly(
            "task.created null->pending {\"kind\": \"personal\"}",
            "task.status_changed pending->preparing {}",
            "task.status_changed preparing->ready_to_call {}");
  }

  @Test
  void aTaskWaitingForTheUserKeepsItsWholeTrailAndNotification() throws Exception {
    TestServer.Tenant tenant = server.newTenant();
    Api api = tenant.api();
    Api.Response created =
        api.post("/api/v1/call-tasks", json("instruction", "Call my plumber about the leak"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.str("task.status")).isEqualTo("waiting_for_user");
    assertThat(trail(UUID.fromString(created.str("task.id"))))
        .containsExactly(
            "task.created null->pending {\"kind\": \"personal\"}",
            "task.status_changed pending->preparing {}",
            "task.status_changed preparing->waiting_for_user"
                + " {\"missing\": [\"contact_phone\"], \"pendingApproval\": false}");
    assertThat(api.get("/api/v1/notifications").text()).contains("call_needs_clarification");
  }

  @Test
  void aPriceAboveTheApprovalThresholdAnswersWithItsPendingApproval() {
    TestServer.Tenant tenant = server.newTenant();
    Api.Response created =
        tenant
            .api()
            .post(
                "/api/v1/call-tasks",
                json(
                    "instruction",
                    "Book the deep clean",
                    "phone",
                    Fixtures.nextPhone(),
                    "maxPrice",
                    450));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.str("task.status")).isEqualTo("waiting_for_user");
    assertThat(created.at("task.needsUserConfirmation")).isEqualTo(true);
    assertThat(created.list("approvals")).hasSize(1);
    assertThat(created.list("approvals").get(0)).containsEntry("status", "pending");
    assertThat(created.list("sessions")).isEmpty();
    assertThat(tenant.api().get("/api/v1/call-tasks/" + created.str("task.id")).list("approvals"))
        .isEqualTo(created.list("approvals"));
  }

  @Test
  void aTaskThatWouldWaitForTheUserIsStillRefusedABusyNumber() {
    TestServer.Tenant tenant = server.newTenant();
    String phone = Fixtures.nextPhone();
    String holder = Fixtures.readyTask(tenant.api(), phone).str("task.id");
    // Above the approval threshold: this task would wait for the user, outside the unique index.
    Api.Response second =
        tenant
            .api()
            .post(
                "/api/v1/call-tasks",
                json("instruction", "Book the deep clean", "phone", phone, "maxPrice", 450));
    Fixtures.assertProblem(second, 409);
    assertThat(second.str("existingTaskId")).isEqualTo(holder);
    Api.Response third =
        tenant.api().post("/api/v1/call-tasks", json("instruction", "Again", "phone", phone));
    Fixtures.assertProblem(third, 409);
    assertThat(third.str("existingTaskId")).isEqualTo(holder);
  }

  private List<String> trail(UUID taskId) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = server.jdbc();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT type, from_state, to_state, detail::text FROM call_events"
                    + " WHERE task_id = ? ORDER BY id")) {
      ps.setObject(1, taskId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              rs.getString(1)
                  + " "
                  + rs.getString(2)
                  + "->"
                  + rs.getString(3)
                  + " "
                  + rs.getString(4));
        }
      }
    }
    return out;
  }
}
