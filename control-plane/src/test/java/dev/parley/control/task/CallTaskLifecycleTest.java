package dev.parley.control.task;

import static dev.parley.control.support.Fixtures.assertProblem;
import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.session.AnsweredBy;
import dev.parley.control.session.CallSession;
import dev.parley.control.session.CallSessionService;
import dev.parley.control.session.CallSessionStatus;
import dev.parley.control.session.Speaker;
import dev.parley.control.session.ValueType;
import dev.parley.control.support.Api;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A task from creation to a completed call and a follow-up: the API for the owner's steps, the
 * services the dispatcher will call for the call itself, and the audit trail of every transition.
 */
class CallTaskLifecycleTest {
  private final TestServer server = TestServer.shared();

  @Test
  void fullLifecycleFromInstructionToCompletedCallAndFollowUp() throws Exception {
    TestServer.Tenant owner = server.newTenant();
    Api api = owner.api();
    String phone = Fixtures.nextPhone();
    String contactId = Fixtures.contact(api, "Maria Lopez", "Bright Smiles Dental", phone);

    Api.Response created =
        api.post(
            "/api/v1/call-tasks",
            json(
                "instruction",
                "Call Bright Smiles Dental and book a cleaning next week",
                "maxPrice",
                80,
                "tone",
                "friendly",
                "hardConstraints",
                List.of("Weekday mornings only")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.str("task.status")).isEqualTo("ready_to_call");
    assertThat(created.str("task.contactId")).isEqualTo(contactId);
    assertThat(created.str("task.targetPhone")).isEqualTo(Fixtures.e164(phone));
    assertThat(created.str("task.tone")).isEqualTo("friendly");
    assertThat(created.at("task.plan")).isInstanceOf(Map.class);
    assertThat(created.str("task.plan.goal_kind")).isEqualTo("book_appointment");
    assertThat(created.at("task.hardConstraints").toString()).contains("Weekday mornings only");
    assertThat(((Number) created.at("task.estimatedCost")).doubleValue()).isPositive();
    String taskId = created.str("task.id");

    Api.Response started = api.post("/api/v1/call-tasks/" + taskId + "/start-now", null);
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    assertThat(started.str("task.status")).isEqualTo("scheduled");
    assertThat(started.str("task.nextAttemptAt")).isNotNull();

    // The dispatcher's side, through the beans it will use.
    CallTaskStateMachine tasks = server.bean(CallTaskStateMachine.class);
    CallTaskRepository repository = server.bean(CallTaskRepository.class);
    CallSessionService sessions = server.bean(CallSessionService.class);
    CallTask task = repository.findById(UUID.fromString(taskId)).orElseThrow();
    task.setAttemptCount(1);
    task = tasks.transition(task, CallTaskStatus.DIALING, Map.of("attempt", 1));
    CallSession session =
        sessions.open(task.getOrganizationId(), task.getId(), 1, "attempt-" + taskId + "-1");
    assertThat(
            sessions
                .open(task.getOrganizationId(), task.getId(), 1, "attempt-" + taskId + "-1")
                .getId())
        .as("opening the same attempt twice returns the same session")
        .isEqualTo(session.getId());
    session.setProviderCallId("CA" + UUID.randomUUID().toString().replace("-", ""));
    session = sessions.transition(session, CallSessionStatus.RINGING, Map.of());
    server.clock().advance(Duration.ofSeconds(5));
    session.setAnsweredBy(AnsweredBy.HUMAN);
    session = sessions.transition(session, CallSessionStatus.CONNECTED, Map.of());
    task = tasks.transition(task, CallTaskStatus.IN_PROGRESS, Map.of());
    sessions.appendSegment(
        session,
        Speaker.ASSISTANT,
        0,
        2400,
        "Hi, I'm calling to book a cleaning.",
        null,
        true,
        1800,
        Map.of());
    sessions.appendSegment(
        session,
        Speaker.HUMAN,
        1800,
        4200,
        "Sure, Tuesday at nine?",
        "positive",
        false,
        null,
        Map.of("confidence", 0.93));
    sessions.addExtracted(
        session,
        "appointment_time",
        "2026-03-17T09:00:00-07:00",
        ValueType.DATETIME,
        "Tuesday at nine");
    server.clock().advance(Duration.ofSeconds(95));
    session = sessions.transition(session, CallSessionStatus.COMPLETED, Map.of());
    task.setOutcome(CallOutcome.GOAL_ACHIEVED);
    task.setGoalAchieved(true);
    task.setSummary("Booked a cleaning for Tuesday 9:00.");
    tasks.transition(task, CallTaskStatus.COMPLETED, Map.of("outcome", "goal_achieved"));

    Api.Response details = api.get("/api/v1/call-tasks/" + taskId);
    assertThat(details.status()).isEqualTo(200);
    assertThat(details.str("task.status")).isEqualTo("completed");
    assertThat(details.str("task.outcome")).isEqualTo("goal_achieved");
    assertThat(details.str("latestSummary")).isEqualTo("Booked a cleaning for Tuesday 9:00.");
    assertThat(details.list("sessions")).hasSize(1);
    assertThat(details.list("sessions").get(0).get("status")).isEqualTo("completed");

    Api.Response sessionView = api.get("/api/v1/call-sessions/" + session.getId());
    assertThat(sessionView.status()).as(sessionView.toString()).isEqualTo(200);
    assertThat(((Number) sessionView.at("session.durationSeconds")).intValue()).isEqualTo(95);
    assertThat(sessionView.str("session.answeredBy")).isEqualTo("human");
    List<Map<String, Object>> transcript = sessionView.list("transcript");
    assertThat(transcript).extracting(s -> s.get("speaker")).containsExactly("assistant", "human");
    assertThat(transcript.get(0)).containsEntry("interrupted", true).containsEntry("heardMs", 1800);
    assertThat(transcript.get(1).get("meta")).isEqualTo(Map.of("confidence", 0.93));
    assertThat(sessionView.list("extractedData"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d)
                  .containsEntry("key", "appointment_time")
                  .containsEntry("valueType", "datetime");
            });
    assertThat(sessionView.list("events"))
        .extracting(e -> e.get("toState"))
        .containsExactly("initiated", "ringing", "connected", "completed");

    assertThat(transitions(UUID.fromString(taskId)))
        .containsExactly(
            "null->pending",
            "pending->preparing",
            "preparing->ready_to_call",
            "ready_to_call->scheduled",
            "scheduled->dialing",
            "dialing->in_progress",
            "in_progress->completed");

    Api.Response followUp =
        api.post(
            "/api/v1/call-tasks/" + taskId + "/follow-up",
            json("instruction", "Call Bright Smiles Dental to confirm Tuesday's cleaning"));
    assertThat(followUp.status()).as(followUp.toString()).isEqualTo(201);
    assertThat(followUp.str("task.parentTaskId")).isEqualTo(taskId);
    assertThat(followUp.str("task.targetPhone")).isEqualTo(Fixtures.e164(phone));
    assertThat(followUp.str("task.status")).isEqualTo("ready_to_call");

    String followUpId = followUp.str("task.id");
    Api.Response cancelled =
        api.post("/api/v1/call-tasks/" + followUpId + "/cancel", json("reason", "done by email"));
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.str("task.status")).isEqualTo("cancelled");
    Api.Response again = api.post("/api/v1/call-tasks/" + followUpId + "/cancel", null);
    assertProblem(again, 409);
    assertThat(again.str("currentState")).isEqualTo("cancelled");
  }

  @Test
  void scheduleMovesAReadyTaskToAFutureTimeAndRefusesThePast() {
    Api api = server.newTenant().api();
    String id = Fixtures.readyTask(api, Fixtures.nextPhone()).str("task.id");
    String future = server.clock().instant().plus(Duration.ofHours(3)).toString();
    Api.Response scheduled =
        api.post("/api/v1/call-tasks/" + id + "/schedule", json("scheduledFor", future));
    assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
    assertThat(scheduled.str("task.status")).isEqualTo("scheduled");
    assertThat(scheduled.str("task.scheduledFor")).isEqualTo(future);

    String past = server.clock().instant().minus(Duration.ofMinutes(1)).toString();
    Api.Response refused =
        api.post("/api/v1/call-tasks/" + id + "/schedule", json("scheduledFor", past));
    assertProblem(refused, 422);
    assertThat(refused.list("errors").get(0)).containsEntry("field", "scheduledFor");
  }

  @Test
  void createWithAFutureScheduleLandsInScheduled() {
    Api api = server.newTenant().api();
    String when = server.clock().instant().plus(Duration.ofDays(1)).toString();
    Api.Response r =
        api.post(
            "/api/v1/call-tasks",
            json(
                "instruction",
                "Remind Sam about the meeting",
                "phone",
                Fixtures.nextPhone(),
                "scheduledFor",
                when));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.str("task.status")).isEqualTo("scheduled");
    assertThat(r.str("task.nextAttemptAt")).isEqualTo(when);
  }

  private List<String> transitions(UUID taskId) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = server.jdbc();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT from_state, to_state FROM call_events WHERE task_id = ? AND session_id IS NULL"
                    + " AND type IN ('task.created', 'task.status_changed') ORDER BY id")) {
      ps.setObject(1, taskId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + "->" + rs.getString(2));
        }
      }
    }
    return out;
  }
}
