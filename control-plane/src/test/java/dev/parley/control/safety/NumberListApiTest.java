package dev.parley.control.safety;

import static dev.parley.control.support.Fixtures.assertProblem;
import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.parley.control.account.AccountService;
import dev.parley.control.account.UserRole;
import dev.parley.control.guard.DialCandidate;
import dev.parley.control.guard.DialGuards;
import dev.parley.control.guard.GuardConfig;
import dev.parley.control.guard.GuardDecision;
import dev.parley.control.support.Api;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The do-not-call list, the allow-list, their change log and a task's consents, through HTTP and a
 * real PostgreSQL; and that what the API lists is what the dial guards enforce.
 */
class NumberListApiTest {
  private final TestServer server = TestServer.shared();

  @Test
  void anyoneCanListANumberAsDoNotCallOnceAndTheGuardsRefuseIt() throws Exception {
    TestServer.Tenant t = server.newTenant();
    String typed = Fixtures.nextPhone();
    String phone = Fixtures.e164(typed);
    Api.Response added =
        t.api().post("/api/v1/do-not-call", json("phone", typed, "reason", " asked on the phone "));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.str("phone")).isEqualTo(phone);
    assertThat(added.str("reason")).isEqualTo("asked on the phone");

    Api.Response again = t.api().post("/api/v1/do-not-call", json("phone", phone));
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.str("id")).isEqualTo(added.str("id"));
    assertThat(again.str("reason")).as("the first entry stands").isEqualTo("asked on the phone");

    t.api().post("/api/v1/do-not-call", json("phone", Fixtures.nextPhone()));
    Api.Response page = t.api().get("/api/v1/do-not-call");
    assertThat(page.at("total")).isEqualTo(2);
    Api.Response one = t.api().get("/api/v1/do-not-call?phone=" + phone.replace("+", "%2B"));
    assertThat(one.at("total")).isEqualTo(1);
    assertThat(one.list("items").get(0).get("id")).isEqualTo(added.str("id"));
    assertThat(t.api().get("/api/v1/do-not-call/" + added.str("id")).str("phone")).isEqualTo(phone);

    TestServer.Tenant other = server.newTenant(UserRole.ADMIN);
    assertThat(other.api().get("/api/v1/do-not-call").at("total")).isEqualTo(0);
    assertProblem(other.api().get("/api/v1/do-not-call/" + added.str("id")), 404);
    assertProblem(other.api().delete("/api/v1/do-not-call/" + added.str("id")), 404);

    assertThat(decide(GuardConfig.defaults(), t.organizationId(), t.userId(), phone).guard())
        .isEqualTo(DialGuards.DO_NOT_CALL);
    assertThat(
            decide(GuardConfig.defaults(), other.organizationId(), other.userId(), phone).allowed())
        .as("another organisation's list does not apply")
        .isTrue();
  }

  @Test
  void badEntriesAreRefusedWithTheFieldAndChangeNothing() {
    TestServer.Tenant t = server.newTenant(UserRole.ADMIN);
    Api.Response bad = t.api().post("/api/v1/do-not-call", json("phone", "12"));
    assertProblem(bad, 422);
    assertThat(bad.list("errors")).extracting(e -> e.get("field")).containsExactly("phone");
    assertProblem(t.api().post("/api/v1/do-not-call", json("reason", "no phone")), 422);
    assertProblem(
        t.api()
            .post(
                "/api/v1/do-not-call",
                json("phone", Fixtures.nextPhone(), "reason", "x".repeat(501))),
        422);
    Map<String, Object> unknown = new LinkedHashMap<>(json("phone", Fixtures.nextPhone()));
    unknown.put("colour", "red");
    assertProblem(t.api().post("/api/v1/do-not-call", unknown), 400);
    assertProblem(t.api().post("/api/v1/allow-list", json("phone", "not a number")), 422);
    assertProblem(t.api().get("/api/v1/do-not-call?phone=abc"), 422);
    assertProblem(t.api().get("/api/v1/do-not-call?limit=0"), 422);
    assertProblem(t.api().delete("/api/v1/do-not-call/" + UUID.randomUUID()), 404);
    assertThat(t.api().get("/api/v1/do-not-call").at("total")).isEqualTo(0);
    assertThat(t.api().get("/api/v1/allow-list").at("total")).isEqualTo(0);
    assertThat(t.api().get("/api/v1/number-list-changes").at("total")).isEqualTo(0);
  }

  @Test
  void onlyAnAdminTakesANumberOffDoNotCallAndTheChangeLogSaysWhoAndWhy() throws Exception {
    UUID org = server.newTenant(UserRole.ADMIN).organizationId();
    TestServer.Tenant admin = tenantIn(org, UserRole.ADMIN);
    TestServer.Tenant member = tenantIn(org, UserRole.MEMBER);
    String phone = Fixtures.e164(Fixtures.nextPhone());
    Api.Response added = member.api().post("/api/v1/do-not-call", json("phone", phone));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    String id = added.str("id");

    assertProblem(member.api().delete("/api/v1/do-not-call/" + id), 403);
    assertProblem(member.api().get("/api/v1/number-list-changes"), 403);
    assertThat(member.api().get("/api/v1/do-not-call").at("total")).isEqualTo(1);

    Api.Response removed =
        admin.api().delete("/api/v1/do-not-call/" + id + "?reason=listed+by+mistake");
    assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
    assertProblem(admin.api().delete("/api/v1/do-not-call/" + id), 404);
    assertThat(admin.api().get("/api/v1/do-not-call").at("total")).isEqualTo(0);
    assertThat(decide(GuardConfig.defaults(), org, member.userId(), phone).allowed()).isTrue();

    List<Map<String, Object>> log = admin.api().get("/api/v1/number-list-changes").list("items");
    assertThat(log).hasSize(2);
    assertThat(log.get(0))
        .containsEntry("list", "do_not_call")
        .containsEntry("phone", phone)
        .containsEntry("action", "removed")
        .containsEntry("note", "listed by mistake")
        .containsEntry("userId", admin.userId().toString());
    assertThat(log.get(1))
        .containsEntry("action", "added")
        .containsEntry("userId", member.userId().toString());

    try (Connection c = server.jdbc()) {
      assertThat(
              catchThrowable(
                  () -> c.createStatement().executeUpdate("DELETE FROM number_list_changes")))
          .as("the change log is append-only")
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void inAllowListModeOnlyNumbersAnAdminAllowListedAreDialled() throws Exception {
    UUID org = server.newTenant(UserRole.ADMIN).organizationId();
    TestServer.Tenant admin = tenantIn(org, UserRole.ADMIN);
    TestServer.Tenant member = tenantIn(org, UserRole.MEMBER);
    String phone = Fixtures.e164(Fixtures.nextPhone());
    GuardConfig allowListMode = GuardConfig.defaults().withAllowListMode(true);
    assertThat(decide(allowListMode, org, member.userId(), phone).guard())
        .isEqualTo(DialGuards.ALLOW_LIST);

    assertProblem(member.api().post("/api/v1/allow-list", json("phone", phone)), 403);
    Api.Response added =
        admin.api().post("/api/v1/allow-list", json("phone", phone, "label", "Dr. Smith's office"));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.str("label")).isEqualTo("Dr. Smith's office");
    assertThat(member.api().get("/api/v1/allow-list").list("items"))
        .extracting(e -> e.get("phone"))
        .containsExactly(phone);
    assertThat(decide(allowListMode, org, member.userId(), phone).allowed()).isTrue();

    // The do-not-call list still wins over the allow-list.
    member.api().post("/api/v1/do-not-call", json("phone", phone));
    assertThat(decide(allowListMode, org, member.userId(), phone).allowed()).isFalse();

    assertProblem(member.api().delete("/api/v1/allow-list/" + added.str("id")), 403);
    assertThat(admin.api().delete("/api/v1/allow-list/" + added.str("id")).status()).isEqualTo(204);
    assertThat(admin.api().get("/api/v1/allow-list").at("total")).isEqualTo(0);
  }

  @Test
  void aTasksConsentsShowTheAttestationAsSigned() {
    TestServer.Tenant t = server.newTenant();
    Map<String, Object> attestations = new LinkedHashMap<>();
    for (String a :
        List.of(
            "authorizedToCall",
            "existingBusinessRelationship",
            "notTelemarketing",
            "recordingDisclosure",
            "compliesWithCallingLaws")) {
      attestations.put(a, true);
    }
    String phone = Fixtures.e164(Fixtures.nextPhone());
    Api.Response call =
        t.api()
            .post(
                "/api/v1/b2b-calls",
                json(
                    "instruction",
                    "Confirm the delivery window for purchase order 4471",
                    "phone",
                    phone,
                    "attestations",
                    attestations,
                    "signature",
                    json("name", "Dana Reyes", "organization", "Acme Logistics")));
    assertThat(call.status()).as(call.toString()).isEqualTo(201);
    String task = call.str("task.id");
    Api.Response consents = t.api().get("/api/v1/call-tasks/" + task + "/consents");
    assertThat(consents.status()).as(consents.toString()).isEqualTo(200);
    List<Map<String, Object>> items = consents.list("");
    assertThat(items).hasSize(1);
    assertThat(items.get(0))
        .containsEntry("kind", "b2b_attestation")
        .containsEntry("granted", true)
        .containsEntry("phone", phone)
        .containsEntry("clientIp", "127.0.0.1");
    assertThat(((Map<?, ?>) items.get(0).get("detail")).get("signerName")).isEqualTo("Dana Reyes");
    assertProblem(server.newTenant().api().get("/api/v1/call-tasks/" + task + "/consents"), 404);
  }

  private TestServer.Tenant tenantIn(UUID org, UserRole role) {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    AccountService.NewTenant t =
        server
            .bean(AccountService.class)
            .addUser(org, "User " + tag, "user-" + tag + "@example.com", role);
    return new TestServer.Tenant(
        org, t.user().id(), t.key().secret(), server.api(t.key().secret()));
  }

  private GuardDecision decide(GuardConfig config, UUID org, UUID user, String phone)
      throws SQLException {
    DialGuards guards = new DialGuards(config, server.clock());
    UUID task = UUID.randomUUID();
    try (Connection c = server.jdbc()) {
      return guards
          .check(c, List.of(new DialCandidate(task, org, user, "personal", phone, null)))
          .get(task);
    }
  }
}
