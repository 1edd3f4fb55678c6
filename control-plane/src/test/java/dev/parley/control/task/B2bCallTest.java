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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Business calls need all five attestations and a signature; the record keeps who, when, where. */
class B2bCallTest {
  private final TestServer server = TestServer.shared();

  private static Map<String, Object> attestations() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("authorizedToCall", true);
    a.put("existingBusinessRelationship", true);
    a.put("notTelemarketing", true);
    a.put("recordingDisclosure", true);
    a.put("compliesWithCallingLaws", true);
    return a;
  }

  private static Map<String, Object> body(
      String phone, Map<String, Object> attestations, Object signature) {
    return json(
        "instruction", "Confirm the delivery window for purchase order 4471",
        "phone", phone,
        "attestations", attestations,
        "signature", signature);
  }

  @Test
  void everyAttestationAndTheSignatureAreRequired() {
    Api api = server.newTenant().api();
    Map<String, Object> signature = json("name", "Dana Reyes", "organization", "Acme Logistics");
    for (String field : attestations().keySet()) {
      Map<String, Object> missing = attestations();
      missing.remove(field);
      Api.Response r =
          api.post("/api/v1/b2b-calls", body(Fixtures.nextPhone(), missing, signature));
      assertProblem(r, 422);
      assertThat(r.list("errors"))
          .extracting(e -> e.get("field"))
          .contains("attestations." + field);
      Map<String, Object> refused = attestations();
      refused.put(field, false);
      Api.Response f =
          api.post("/api/v1/b2b-calls", body(Fixtures.nextPhone(), refused, signature));
      assertProblem(f, 422);
      assertThat(f.list("errors"))
          .extracting(e -> e.get("field"))
          .contains("attestations." + field);
    }
    assertProblem(
        api.post("/api/v1/b2b-calls", body(Fixtures.nextPhone(), attestations(), null)), 422);
    Api.Response unsigned =
        api.post(
            "/api/v1/b2b-calls",
            body(Fixtures.nextPhone(), attestations(), json("name", "", "organization", "Acme")));
    assertProblem(unsigned, 422);
    assertThat(unsigned.list("errors")).extracting(e -> e.get("field")).contains("signature.name");
    assertThat(api.get("/api/v1/call-tasks").list("items")).as("nothing was created").isEmpty();
  }

  @Test
  void anAttestedCallRecordsSignerTimeAndAddressAndReturnsTheEstimate() throws Exception {
    Api api = server.newTenant().api();
    String phone = Fixtures.nextPhone();
    Api.Response r =
        api.post(
            "/api/v1/b2b-calls",
            body(
                phone,
                attestations(),
                json("name", "Dana Reyes", "organization", "Acme Logistics")));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.str("task.kind")).isEqualTo("b2b");
    assertThat(r.str("task.status")).isEqualTo("ready_to_call");
    assertThat(r.at("task.attestation.notTelemarketing")).isEqualTo(true);
    assertThat(r.str("task.attestation.signerName")).isEqualTo("Dana Reyes");
    assertThat(r.str("task.attestation.signerOrganization")).isEqualTo("Acme Logistics");
    assertThat(r.str("task.attestation.clientIp")).isEqualTo("127.0.0.1");
    assertThat(r.str("task.attestation.signedAt")).isEqualTo(server.clock().instant().toString());
    assertThat(((Number) r.at("task.estimatedCost")).doubleValue()).isGreaterThan(0);
    assertThat(((Map<?, ?>) r.at("task.costBreakdown.estimated")).keySet())
        .extracting(Object::toString)
        .contains("telephony", "stt", "tts", "llm");

    try (Connection c = server.jdbc();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT kind, granted, client_ip, detail->>'signerName' FROM consents WHERE task_id = ?")) {
      ps.setObject(1, UUID.fromString(r.str("task.id")));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("b2b_attestation");
        assertThat(rs.getBoolean(2)).isTrue();
        assertThat(rs.getString(3)).isEqualTo("127.0.0.1");
        assertThat(rs.getString(4)).isEqualTo("Dana Reyes");
      }
    }
  }

  @Test
  void aScheduledBusinessCallIsScheduled() {
    Api api = server.newTenant().api();
    Map<String, Object> b =
        body(
            Fixtures.nextPhone(),
            attestations(),
            json("name", "Dana Reyes", "organization", "Acme"));
    b.put("scheduledFor", server.clock().instant().plusSeconds(86_400).toString());
    Api.Response r = api.post("/api/v1/b2b-calls", b);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.str("task.status")).isEqualTo("scheduled");
  }

  @Test
  void aSixthManualCallInAnHourIsRefusedWith429AndRetryAfter() throws Exception {
    TestServer.Tenant tenant = server.newTenant();
    Map<String, Object> signature = json("name", "Dana Reyes", "organization", "Acme Logistics");
    // Five manual B2B calls dialled just now: the default budget is 5 per hour.
    try (Connection c = server.jdbc()) {
      for (int i = 1; i <= 5; i++) {
        Api.Response created =
            tenant
                .api()
                .post("/api/v1/b2b-calls", body(Fixtures.nextPhone(), attestations(), signature));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO call_sessions (id, organization_id, task_id, attempt_number,"
                    + " idempotency_token, status, direction, created_at, updated_at)"
                    + " VALUES (?, ?, ?, 1, ?, 'completed', 'outbound', ?, ?)")) {
          java.sql.Timestamp now = java.sql.Timestamp.from(server.clock().instant());
          ps.setObject(1, UUID.randomUUID());
          ps.setObject(2, tenant.organizationId());
          ps.setObject(3, UUID.fromString(created.str("task.id")));
          ps.setString(4, "rate-test-" + UUID.randomUUID());
          ps.setTimestamp(5, now);
          ps.setTimestamp(6, now);
          ps.executeUpdate();
        }
      }
    }

    Api.Response refused =
        tenant
            .api()
            .post("/api/v1/b2b-calls", body(Fixtures.nextPhone(), attestations(), signature));

    assertProblem(refused, 429);
    long retryAfter = Long.parseLong(refused.headers().get("retry-after").get(0));
    assertThat(retryAfter).isBetween(1L, 3600L);
    assertThat(tenant.api().get("/api/v1/call-tasks").list("items"))
        .as("the refused call created nothing")
        .hasSize(5);
  }
}
