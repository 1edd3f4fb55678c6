package dev.parley.control.task;

import static dev.parley.control.support.Fixtures.assertProblem;
import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.control.account.Tone;
import dev.parley.control.session.CallSession;
import dev.parley.control.session.CallSessionRepository;
import dev.parley.control.session.CallSessionStateMachine;
import dev.parley.control.session.CallSessionStatus;
import dev.parley.control.support.Api;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import dev.parley.control.web.IllegalTransitionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every transition the lifecycle tables do not list is refused: through the state machines for
 * every (from, to) pair, with nothing written, and through the API as 409 problems carrying the
 * current state.
 */
class IllegalTransitionsTest {
  private final TestServer server = TestServer.shared();

  @Test
  void everyUnlistedTaskTransitionIsRefusedAndChangesNothing() throws Exception {
    TestServer.Tenant tenant = server.newTenant();
    CallTaskStateMachine machine = server.bean(CallTaskStateMachine.class);
    CallTaskRepository tasks = server.bean(CallTaskRepository.class);
    int refused = 0;
    for (CallTaskStatus from : CallTaskStatus.values()) {
      for (CallTaskStatus to : CallTaskStatus.values()) {
        if (CallTaskStateMachine.allows(from, to)) {
          continue;
        }
        CallTask task = tasks.save(taskIn(tenant, from));
        long eventsBefore = events(task.getId());
        assertThatThrownBy(() -> machine.transition(task, to, Map.of()))
            .isInstanceOfSatisfying(
                IllegalTransitionException.class,
                e -> {
                  assertThat(e.from()).isEqualTo(from.wire());
                  assertThat(e.to()).isEqualTo(to.wire());
                  assertThat(e.problem().status()).isEqualTo(409);
                  assertThat(e.problem().currentState()).isEqualTo(from.wire());
                });
        CallTask stored = tasks.findById(task.getId()).orElseThrow();
        assertThat(stored.getStatus()).isEqualTo(from);
        assertThat(stored.getVersion()).isEqualTo(task.getVersion());
        assertThat(events(task.getId())).isEqualTo(eventsBefore);
        refused++;
      }
    }
    assertThat(refused).as("illegal pairs checked").isGreaterThan(60);
    for (CallTaskStatus terminal :
        new CallTaskStatus[] {
          CallTaskStatus.COMPLETED, CallTaskStatus.FAILED, CallTaskStatus.CANCELLED
        }) {
      assertThat(CallTaskStateMachine.isTerminal(terminal)).isTrue();
    }
  }

  @Test
  void everyUnlistedSessionTransitionIsRefused() {
    TestServer.Tenant tenant = server.newTenant();
    CallTaskRepository tasks = server.bean(CallTaskRepository.class);
    CallSessionRepository sessions = server.bean(CallSessionRepository.class);
    CallSessionStateMachine machine = server.bean(CallSessionStateMachine.class);
    CallTask task = tasks.save(taskIn(tenant, CallTaskStatus.COMPLETED));
    int attempt = 0;
    for (CallSessionStatus from : CallSessionStatus.values()) {
      for (CallSessionStatus to : CallSessionStatus.values()) {
        if (CallSessionStateMachine.allows(from, to)) {
          continue;
        }
        CallSession s = new CallSession();
        s.setId(UUID.randomUUID());
        s.setOrganizationId(tenant.organizationId());
        s.setTaskId(task.getId());
        s.setAttemptNumber(++attempt);
        s.setIdempotencyToken(UUID.randomUUID().toString());
        s.setStatus(from);
        s.setLastCallbackSequence(-1);
        s.setCreatedAt(Instant.EPOCH);
        s.setUpdatedAt(Instant.EPOCH);
        CallSession saved = sessions.save(s);
        assertThatThrownBy(() -> machine.transition(saved, to, Map.of()))
            .isInstanceOf(IllegalTransitionException.class)
            .hasMessageContaining(from.wire())
            .hasMessageContaining(to.wire());
        assertThat(sessions.findById(saved.getId()).orElseThrow().getStatus()).isEqualTo(from);
      }
    }
    assertThat(attempt).isGreaterThan(40);
  }

  @Test
  void illegalStepsThroughTheApiAre409WithTheCurrentState() {
    Api api = server.newTenant().api();
    // waiting_for_user: no number anywhere.
    Api.Response waiting =
        api.post("/api/v1/call-tasks", json("instruction", "Call someone about the thing"));
    assertThat(waiting.str("task.status")).isEqualTo("waiting_for_user");
    String waitingId = waiting.str("task.id");
    expectConflict(
        api.post("/api/v1/call-tasks/" + waitingId + "/start-now", null), "waiting_for_user");
    expectConflict(
        api.post(
            "/api/v1/call-tasks/" + waitingId + "/schedule",
            json("scheduledFor", server.clock().instant().plusSeconds(3600).toString())),
        "waiting_for_user");
    expectConflict(
        api.post("/api/v1/call-tasks/" + waitingId + "/follow-up", json()), "waiting_for_user");

    String readyId = Fixtures.readyTask(api, Fixtures.nextPhone()).str("task.id");
    expectConflict(
        api.patch(
            "/api/v1/call-tasks/" + readyId + "/clarifications",
            json("phone", Fixtures.nextPhone())),
        "ready_to_call");
    assertThat(api.post("/api/v1/call-tasks/" + readyId + "/cancel", null).status()).isEqualTo(200);
    expectConflict(api.post("/api/v1/call-tasks/" + readyId + "/start-now", null), "cancelled");
    expectConflict(api.post("/api/v1/call-tasks/" + readyId + "/cancel", null), "cancelled");
    expectConflict(
        api.patch(
            "/api/v1/call-tasks/" + readyId + "/clarifications",
            json("phone", Fixtures.nextPhone())),
        "cancelled");

    // An approval can be decided once.
    Api.Response priced =
        api.post(
            "/api/v1/call-tasks",
            json(
                "instruction",
                "Buy the concert tickets",
                "phone",
                Fixtures.nextPhone(),
                "maxPrice",
                450));
    String taskId = priced.str("task.id");
    String approvalId = priced.list("approvals").get(0).get("id").toString();
    String approve = "/api/v1/call-tasks/" + taskId + "/approvals/" + approvalId + "/approve";
    assertThat(api.post(approve, null).status()).isEqualTo(200);
    expectConflict(api.post(approve, null), "approved");
    expectConflict(
        api.post("/api/v1/call-tasks/" + taskId + "/approvals/" + approvalId + "/decline", null),
        "approved");
  }

  private static void expectConflict(Api.Response r, String currentState) {
    assertProblem(r, 409);
    assertThat(r.str("currentState")).as(r.toString()).isEqualTo(currentState);
  }

  private CallTask taskIn(TestServer.Tenant tenant, CallTaskStatus status) {
    Instant now = server.clock().instant();
    CallTask t = new CallTask();
    t.setId(UUID.randomUUID());
    t.setOrganizationId(tenant.organizationId());
    t.setOwnerUserId(tenant.userId());
    t.setTitle("t");
    t.setRawInstruction("t");
    t.setKind(CallTaskKind.PERSONAL);
    t.setStatus(status);
    t.setPriority(TaskPriority.NORMAL);
    t.setTone(Tone.NEUTRAL);
    t.setCurrency("USD");
    t.setHardConstraints("[]");
    t.setSoftPreferences("[]");
    t.setMaxAttempts(3);
    t.setTargetPhone(Fixtures.e164(Fixtures.nextPhone()));
    t.setNextAttemptAt(now);
    t.setCreatedAt(now);
    t.setUpdatedAt(now);
    return t;
  }

  private long events(UUID taskId) throws Exception {
    try (Connection c = server.jdbc();
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM call_events WHERE task_id = ?")) {
      ps.setObject(1, taskId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
