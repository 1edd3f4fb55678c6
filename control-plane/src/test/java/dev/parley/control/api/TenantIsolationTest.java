package dev.parley.control.api;

import static dev.parley.control.support.Fixtures.assertProblem;
import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.account.UserRole;
import dev.parley.control.safety.CallFlagService;
import dev.parley.control.session.CallSession;
import dev.parley.control.session.CallSessionService;
import dev.parley.control.support.Api;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every resource of one organisation, every verb, with another organisation's key (member and
 * admin): always 404, and afterwards the owner sees everything exactly as it was.
 */
class TenantIsolationTest {
  private final TestServer server = TestServer.shared();

  @Test
  void anotherTenantsKeyGets404OnEveryResourceAndChangesNothing() {
    TestServer.Tenant owner = server.newTenant(UserRole.ADMIN);
    Api a = owner.api();
    String contactId = Fixtures.contact(a, "Ivy Chen", null, Fixtures.nextPhone());
    String readyId = Fixtures.readyTask(a, Fixtures.nextPhone()).str("task.id");
    Api.Response waiting =
        a.post("/api/v1/call-tasks", json("instruction", "Call about the thing"));
    String waitingId = waiting.str("task.id");
    Api.Response priced =
        a.post(
            "/api/v1/call-tasks",
            json("instruction", "Buy tickets", "phone", Fixtures.nextPhone(), "maxPrice", 900));
    String pricedId = priced.str("task.id");
    String approvalId = priced.list("approvals").get(0).get("id").toString();
    CallSession session =
        server
            .bean(CallSessionService.class)
            .open(owner.organizationId(), UUID.fromString(readyId), 1, "iso-" + readyId);
    String flagId =
        server
            .bean(CallFlagService.class)
            .flag(owner.organizationId(), UUID.fromString(readyId), null, "abusive language")
            .id()
            .toString();
    String notificationId =
        a.get("/api/v1/notifications").list("items").get(0).get("id").toString();
    String keyId = a.get("/api/v1/api-keys").list("").get(0).get("id").toString();
    String future = server.clock().instant().plusSeconds(7200).toString();

    Map<String, String> before =
        snapshot(a, contactId, readyId, waitingId, pricedId, session.getId().toString());

    List<Object[]> calls = new ArrayList<>();
    calls.add(new Object[] {"GET", "/api/v1/contacts/" + contactId, null});
    calls.add(
        new Object[] {
          "PUT",
          "/api/v1/contacts/" + contactId,
          json("name", "X", "phone", Fixtures.nextPhone(), "kind", "person")
        });
    calls.add(new Object[] {"DELETE", "/api/v1/contacts/" + contactId, null});
    calls.add(new Object[] {"GET", "/api/v1/call-tasks/" + readyId, null});
    calls.add(new Object[] {"POST", "/api/v1/call-tasks/" + readyId + "/start-now", null});
    calls.add(
        new Object[] {
          "POST", "/api/v1/call-tasks/" + readyId + "/schedule", json("scheduledFor", future)
        });
    calls.add(new Object[] {"POST", "/api/v1/call-tasks/" + readyId + "/cancel", null});
    calls.add(new Object[] {"POST", "/api/v1/call-tasks/" + readyId + "/follow-up", json()});
    calls.add(
        new Object[] {
          "PATCH",
          "/api/v1/call-tasks/" + waitingId + "/clarifications",
          json("phone", Fixtures.nextPhone())
        });
    calls.add(
        new Object[] {
          "POST", "/api/v1/call-tasks/" + pricedId + "/approvals/" + approvalId + "/approve", null
        });
    calls.add(
        new Object[] {
          "POST", "/api/v1/call-tasks/" + pricedId + "/approvals/" + approvalId + "/decline", null
        });
    calls.add(new Object[] {"GET", "/api/v1/call-sessions/" + session.getId(), null});
    calls.add(new Object[] {"POST", "/api/v1/notifications/" + notificationId + "/read", null});
    calls.add(new Object[] {"DELETE", "/api/v1/api-keys/" + keyId, null});
    calls.add(
        new Object[] {
          "POST", "/api/v1/admin/flagged-calls/" + flagId + "/resolve", json("resolution", "fine")
        });

    for (UserRole role : UserRole.values()) {
      Api intruder = server.newTenant(role).api();
      for (Object[] call : calls) {
        Api.Response r = intruder.send((String) call[0], (String) call[1], call[2]);
        boolean adminRoute = ((String) call[1]).startsWith("/api/v1/admin/");
        // A member may not use admin routes at all (403); an admin of another tenant gets 404.
        assertProblem(r, adminRoute && role == UserRole.MEMBER ? 403 : 404);
      }
      // Creating with another tenant's contact is refused as an unknown contact.
      Api.Response borrowed =
          intruder.post(
              "/api/v1/call-tasks", json("instruction", "Call her", "contactId", contactId));
      assertProblem(borrowed, 422);
      assertThat(borrowed.list("errors").get(0)).containsEntry("field", "contactId");
      // Lists show nothing of the other tenant.
      assertThat(intruder.get("/api/v1/contacts").list("items")).isEmpty();
      assertThat(intruder.get("/api/v1/call-tasks").list("items")).isEmpty();
      assertThat(((Number) intruder.get("/api/v1/call-tasks").at("total")).intValue()).isZero();
      assertThat(intruder.get("/api/v1/notifications").list("items")).isEmpty();
      if (role == UserRole.ADMIN) {
        assertThat(intruder.get("/api/v1/admin/flagged-calls").list("")).isEmpty();
      }
    }

    assertThat(snapshot(a, contactId, readyId, waitingId, pricedId, session.getId().toString()))
        .isEqualTo(before);
    assertThat(a.get("/api/v1/admin/flagged-calls").list(""))
        .extracting(f -> f.get("id"))
        .containsExactly(flagId);
    assertThat(a.get("/api/v1/notifications?unread=true").list("items"))
        .extracting(n -> n.get("id"))
        .contains(notificationId);
    assertThat(a.get("/api/v1/users/me").status()).as("the owner's key still works").isEqualTo(200);
  }

  @Test
  void adminRoutesNeedTheAdminRole() {
    Api member = server.newTenant(UserRole.MEMBER).api();
    assertProblem(member.get("/api/v1/admin/flagged-calls"), 403);
    assertProblem(
        member.post(
            "/api/v1/admin/flagged-calls/" + UUID.randomUUID() + "/resolve",
            json("resolution", "x")),
        403);
  }

  @Test
  void adminResolvesAFlagOnce() {
    TestServer.Tenant admin = server.newTenant(UserRole.ADMIN);
    String taskId = Fixtures.readyTask(admin.api(), Fixtures.nextPhone()).str("task.id");
    String flagId =
        server
            .bean(CallFlagService.class)
            .flag(admin.organizationId(), UUID.fromString(taskId), null, "callee complained")
            .id()
            .toString();
    Api.Response resolved =
        admin
            .api()
            .post(
                "/api/v1/admin/flagged-calls/" + flagId + "/resolve",
                json("resolution", "reviewed, fine"));
    assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    assertThat(resolved.str("status")).isEqualTo("resolved");
    assertThat(admin.api().get("/api/v1/admin/flagged-calls").list("")).isEmpty();
    Api.Response again =
        admin
            .api()
            .post(
                "/api/v1/admin/flagged-calls/" + flagId + "/resolve", json("resolution", "again"));
    assertProblem(again, 409);
    assertThat(again.str("currentState")).isEqualTo("resolved");
  }

  private static Map<String, String> snapshot(Api a, String contactId, String... taskAndSession) {
    Map<String, String> out = new java.util.TreeMap<>();
    out.put("contact", a.get("/api/v1/contacts/" + contactId).text());
    for (int i = 0; i < taskAndSession.length - 1; i++) {
      out.put("task" + i, a.get("/api/v1/call-tasks/" + taskAndSession[i]).text());
    }
    out.put(
        "session",
        a.get("/api/v1/call-sessions/" + taskAndSession[taskAndSession.length - 1]).text());
    out.put("keys", a.get("/api/v1/api-keys").text());
    out.put("notifications", a.get("/api/v1/notifications").text());
    return out;
  }
}
