package dev.parley.control.task;

import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.support.Api;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Planning at creation through the agent's planner: a known contact makes the task ready, a missing
 * number makes it wait with a notification, a clarification makes it ready, and a price above the
 * owner's approval threshold waits for an approval.
 */
class PlannerIntegrationTest {
  private final TestServer server = TestServer.shared();

  @Test
  void instructionNamingAKnownContactIsReadyToCall() {
    Api api = server.newTenant().api();
    String phone = Fixtures.nextPhone();
    String contactId = Fixtures.contact(api, "Anita Patel", null, phone);
    Api.Response r =
        api.post(
            "/api/v1/call-tasks",
            json("instruction", "Call Anita Patel and ask if the package arrived"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.str("task.status")).isEqualTo("ready_to_call");
    assertThat(r.str("task.contactId")).isEqualTo(contactId);
    assertThat(r.str("task.targetPhone")).isEqualTo(Fixtures.e164(phone));
    assertThat(r.list("task.missing")).isEmpty();
    assertThat(r.str("task.plan.planner")).isEqualTo("agent");
  }

  @Test
  void aNumberWrittenInTheInstructionIsUsed() {
    Api api = server.newTenant().api();
    String phone = Fixtures.nextPhone();
    Api.Response r =
        api.post(
            "/api/v1/call-tasks",
            json("instruction", "Call " + phone + " and ask whether my order has shipped"));
    assertThat(r.str("task.status")).as(r.toString()).isEqualTo("ready_to_call");
    assertThat(r.str("task.targetPhone")).isEqualTo(Fixtures.e164(phone));
  }

  @Test
  void noNumberWaitsForTheUserWithANotificationUntilClarified() {
    Api api = server.newTenant().api();
    Api.Response created =
        api.post(
            "/api/v1/call-tasks",
            json("instruction", "Call the plumber and ask for a quote for a leaking tap"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.str("task.status")).isEqualTo("waiting_for_user");
    assertThat(created.list("task.missing"))
        .extracting(m -> m.get("field"))
        .contains("contact_phone");
    String taskId = created.str("task.id");

    Api.Response unread = api.get("/api/v1/notifications?unread=true");
    List<Map<String, Object>> items = unread.list("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0))
        .containsEntry("type", "call_needs_clarification")
        .containsEntry("taskId", taskId);
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) items.get(0).get("payload");
    assertThat(payload.get("missing").toString()).contains("contact_phone");
    assertThat((List<?>) payload.get("questions")).isNotEmpty();

    String phone = Fixtures.nextPhone();
    Map<String, Object> answers = new java.util.HashMap<>();
    for (Map<String, Object> m : created.list("task.missing")) {
      if (!m.get("field").equals("contact_phone")) {
        answers.put((String) m.get("field"), "whatever is earliest");
      }
    }
    Api.Response clarified =
        api.patch(
            "/api/v1/call-tasks/" + taskId + "/clarifications",
            json("phone", phone, "maxPrice", 60, "answers", answers));
    assertThat(clarified.status()).as(clarified.toString()).isEqualTo(200);
    assertThat(clarified.str("task.status")).isEqualTo("ready_to_call");
    assertThat(clarified.str("task.targetPhone")).isEqualTo(Fixtures.e164(phone));
    assertThat(clarified.list("task.missing")).isEmpty();

    String notificationId = (String) items.get(0).get("id");
    assertThat(api.post("/api/v1/notifications/" + notificationId + "/read", null).status())
        .isEqualTo(204);
    assertThat(api.get("/api/v1/notifications?unread=true").list("items")).isEmpty();
    assertThat(api.get("/api/v1/notifications").list("items"))
        .singleElement()
        .satisfies(n -> assertThat(n).containsEntry("read", true));
  }

  @Test
  void partialClarificationKeepsWaiting() {
    Api api = server.newTenant().api();
    Api.Response created =
        api.post("/api/v1/call-tasks", json("instruction", "Call someone about the thing"));
    String taskId = created.str("task.id");
    Api.Response still =
        api.patch(
            "/api/v1/call-tasks/" + taskId + "/clarifications",
            json("answers", Map.of("unrelated", "x")));
    assertThat(still.status()).as(still.toString()).isEqualTo(200);
    assertThat(still.str("task.status")).isEqualTo("waiting_for_user");
    assertThat(still.list("task.missing"))
        .extracting(m -> m.get("field"))
        .contains("contact_phone");
  }

  @Test
  void aPriceAboveTheApprovalThresholdWaitsForApproval() {
    Api api = server.newTenant().api();
    Api.Response created =
        api.post(
            "/api/v1/call-tasks",
            json(
                "instruction",
                "Book two concert tickets",
                "phone",
                Fixtures.nextPhone(),
                "maxPrice",
                450));
    assertThat(created.str("task.status")).as(created.toString()).isEqualTo("waiting_for_user");
    assertThat(created.at("task.needsUserConfirmation")).isEqualTo(true);
    Map<String, Object> approval = created.list("approvals").get(0);
    assertThat(approval).containsEntry("status", "pending");
    assertThat(api.get("/api/v1/notifications").list("items"))
        .extracting(n -> n.get("type"))
        .contains("call_pre_approval");

    String taskId = created.str("task.id");
    Api.Response approved =
        api.post(
            "/api/v1/call-tasks/" + taskId + "/approvals/" + approval.get("id") + "/approve", null);
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.str("status")).isEqualTo("approved");
    Api.Response task = api.get("/api/v1/call-tasks/" + taskId);
    assertThat(task.str("task.status")).isEqualTo("ready_to_call");
    assertThat(task.at("task.needsUserConfirmation")).isEqualTo(false);
  }

  @Test
  void loweringThePriceWithdrawsThePreApproval() {
    Api api = server.newTenant().api();
    Api.Response created =
        api.post(
            "/api/v1/call-tasks",
            json(
                "instruction",
                "Book two concert tickets",
                "phone",
                Fixtures.nextPhone(),
                "maxPrice",
                450));
    String taskId = created.str("task.id");
    Api.Response lowered =
        api.patch("/api/v1/call-tasks/" + taskId + "/clarifications", json("maxPrice", 90));
    assertThat(lowered.str("task.status")).as(lowered.toString()).isEqualTo("ready_to_call");
    assertThat(lowered.list("approvals").get(0)).containsEntry("status", "declined");
  }

  @Test
  void theOwnersThresholdComesFromTheirSettings() {
    Api api = server.newTenant().api();
    Map<String, Object> settings = api.get("/api/v1/assistant-settings").body();
    settings.put("requireApprovalAmount", 1000);
    assertThat(api.put("/api/v1/assistant-settings", settings).status()).isEqualTo(200);
    Api.Response created =
        api.post(
            "/api/v1/call-tasks",
            json(
                "instruction",
                "Book two concert tickets",
                "phone",
                Fixtures.nextPhone(),
                "maxPrice",
                450));
    assertThat(created.str("task.status")).as(created.toString()).isEqualTo("ready_to_call");
    assertThat(created.list("approvals")).isEmpty();
  }
}
