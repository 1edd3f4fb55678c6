package dev.parley.control.task;

import static dev.parley.control.support.Fixtures.assertProblem;
import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.support.Api;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Idempotent creates and the one-active-task-per-number rule under concurrency. */
class IdempotencyAndConcurrencyTest {
  private final TestServer server = TestServer.shared();

  @Test
  void sameKeyAndBodyReplaysTheOriginalResponse() throws Exception {
    TestServer.Tenant tenant = server.newTenant();
    String phone = Fixtures.nextPhone();
    Map<String, Object> body = json("instruction", "Ask about the invoice", "phone", phone);
    Api.Response first =
        tenant.api().post("/api/v1/call-tasks", body, "Idempotency-Key", "create-1");
    Api.Response second =
        tenant.api().post("/api/v1/call-tasks", body, "Idempotency-Key", "create-1");
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).as(second.toString()).isEqualTo(201);
    assertThat(second.str("task.id")).isEqualTo(first.str("task.id"));
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().get("idempotent-replayed")).containsExactly("true");
    assertThat(tasksFor(Fixtures.e164(phone))).isEqualTo(1);

    Api.Response contact =
        tenant
            .api()
            .post(
                "/api/v1/contacts",
                json("name", "Ann", "phone", Fixtures.nextPhone(), "kind", "person"),
                "Idempotency-Key",
                "c-1");
    Api.Response contactAgain =
        tenant
            .api()
            .post(
                "/api/v1/contacts",
                json("name", "Ann", "phone", Fixtures.e164(contact.str("phone")), "kind", "person"),
                "Idempotency-Key",
                "c-1");
    assertProblem(contactAgain, 422);
  }

  @Test
  void sameKeyWithADifferentBodyIs422AndCreatesNothing() throws Exception {
    TestServer.Tenant tenant = server.newTenant();
    String phone = Fixtures.nextPhone();
    String other = Fixtures.nextPhone();
    Api.Response first =
        tenant
            .api()
            .post(
                "/api/v1/call-tasks",
                json("instruction", "Ask about the invoice", "phone", phone),
                "Idempotency-Key",
                "k");
    assertThat(first.status()).isEqualTo(201);
    Api.Response mismatch =
        tenant
            .api()
            .post(
                "/api/v1/call-tasks",
                json("instruction", "Ask about the invoice", "phone", other),
                "Idempotency-Key",
                "k");
    assertProblem(mismatch, 422);
    assertThat(mismatch.list("errors").get(0)).containsEntry("field", "Idempotency-Key");
    assertThat(tasksFor(Fixtures.e164(other))).isZero();

    // Keys are per user: another tenant may use the same key for its own request.
    Api.Response elsewhere =
        server
            .newTenant()
            .api()
            .post(
                "/api/v1/call-tasks",
                json("instruction", "Ask about the invoice", "phone", other),
                "Idempotency-Key",
                "k");
    assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(201);
  }

  @Test
  void aFailedCreateFreesItsKey() {
    TestServer.Tenant tenant = server.newTenant();
    Map<String, Object> bad = json("instruction", "Ask", "phone", "12");
    assertProblem(tenant.api().post("/api/v1/call-tasks", bad, "Idempotency-Key", "retry-me"), 422);
    Map<String, Object> good = json("instruction", "Ask", "phone", Fixtures.nextPhone());
    assertThat(
            tenant.api().post("/api/v1/call-tasks", good, "Idempotency-Key", "retry-me").status())
        .isEqualTo(201);
  }

  @Test
  void fiftyConcurrentCreatesForOneNumberLeaveExactlyOneActiveTask() throws Exception {
    TestServer.Tenant tenant = server.newTenant();
    String phone = Fixtures.nextPhone();
    int n = 50;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Response>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      futures.add(
          pool.submit(
              () -> {
                go.await();
                return createRetryingWhenShed(tenant, phone, index);
              }));
    }
    go.countDown();
    List<Api.Response> responses = new ArrayList<>();
    for (Future<Api.Response> f : futures) {
      responses.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    List<Api.Response> created = responses.stream().filter(r -> r.status() == 201).toList();
    List<Api.Response> conflicts = responses.stream().filter(r -> r.status() == 409).toList();
    assertThat(created).as(responses.toString()).hasSize(1);
    assertThat(conflicts).hasSize(n - 1);
    String winner = created.get(0).str("task.id");
    for (Api.Response conflict : conflicts) {
      assertProblem(conflict, 409);
      assertThat(conflict.str("existingTaskId")).isEqualTo(winner);
      assertThat(conflict.str("detail")).contains(winner);
    }
    assertThat(tasksFor(Fixtures.e164(phone))).as("losers leave no rows behind").isEqualTo(1);
    assertThat(activeTasksFor(Fixtures.e164(phone))).isEqualTo(1);
  }

  @Test
  void aSecondActiveTaskIsRefusedUntilTheFirstFinishes() {
    TestServer.Tenant tenant = server.newTenant();
    String phone = Fixtures.nextPhone();
    String first = Fixtures.readyTask(tenant.api(), phone).str("task.id");
    Api.Response second =
        tenant.api().post("/api/v1/call-tasks", json("instruction", "Again", "phone", phone));
    assertProblem(second, 409);
    assertThat(second.str("existingTaskId")).isEqualTo(first);
    // Another organisation may call the same number.
    assertThat(Fixtures.readyTask(server.newTenant().api(), phone).status()).isEqualTo(201);
    tenant.api().post("/api/v1/call-tasks/" + first + "/cancel", null);
    assertThat(Fixtures.readyTask(tenant.api(), phone).status()).isEqualTo(201);
  }

  private long tasksFor(String e164) throws Exception {
    return count("SELECT count(*) FROM call_tasks WHERE target_phone = ?", e164);
  }

  private long activeTasksFor(String e164) throws Exception {
    return count(
        "SELECT count(*) FROM call_tasks WHERE target_phone = ?"
            + " AND status IN ('ready_to_call', 'scheduled', 'dialing', 'in_progress')",
        e164);
  }

  private long count(String sql, String phone) throws Exception {
    try (Connection c = server.jdbc();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, phone);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Creates a task the way a well-behaved client does: a 503 (the control plane shedding load above
   * its concurrent-request bound) is retried after its Retry-After with the same idempotency key,
   * so shedding may delay a create but never change which one wins.
   */
  private Api.Response createRetryingWhenShed(TestServer.Tenant tenant, String phone, int index)
      throws InterruptedException {
    while (true) {
      Api.Response response =
          tenant
              .api()
              .post(
                  "/api/v1/call-tasks",
                  json("instruction", "Ask about the invoice, request " + index, "phone", phone),
                  "Idempotency-Key",
                  "concurrent-" + index);
      if (response.status() != 503) {
        return response;
      }
      assertProblem(response, 503);
      assertThat(response.headers().get("retry-after")).containsExactly("1");
      Thread.sleep(ThreadLocalRandom.current().nextLong(50, 300));
    }
  }
}
