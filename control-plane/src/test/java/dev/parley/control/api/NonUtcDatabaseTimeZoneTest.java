package dev.parley.control.api;

import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.support.Api;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server whose database sessions run in America/Los_Angeles: instants written and read through
 * the API, the repositories and SQL filters are the same instants, on both sides of a DST change.
 */
class NonUtcDatabaseTimeZoneTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("America/Los_Angeles");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @SuppressWarnings("unchecked")
  private static <T> T sql(String query, UUID id) {
    TransactionOperations<Connection> tx = server.context().getBean(TransactionOperations.class);
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(query)) {
            if (id != null) {
              ps.setObject(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return (T) rs.getObject(1);
            }
          }
        });
  }

  @Test
  void theApplicationsSessionsReallyRunInLosAngeles() {
    assertThat((String) sql("SHOW TimeZone", null)).isEqualTo("America/Los_Angeles");
  }

  @Test
  void instantsRoundTripThroughApiAndDatabase() {
    TestServer.Tenant tenant = server.newTenant();
    Api api = tenant.api();
    Instant created = server.clock().instant();
    // 09:30 in Los Angeles during daylight time (UTC-7), sent with its offset.
    Api.Response r =
        api.post(
            "/api/v1/call-tasks",
            json(
                "instruction",
                "Ask about the invoice",
                "phone",
                Fixtures.nextPhone(),
                "scheduledFor",
                "2026-03-20T09:30:00-07:00"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.str("task.scheduledFor")).isEqualTo("2026-03-20T16:30:00Z");
    assertThat(Instant.parse(r.str("task.createdAt"))).isEqualTo(created);
    UUID id = UUID.fromString(r.str("task.id"));

    String local =
        sql(
            "SELECT to_char(scheduled_for, 'YYYY-MM-DD HH24:MI TZ') FROM call_tasks WHERE id = ?",
            id);
    assertThat(local).isEqualTo("2026-03-20 09:30 PDT");
    String utc =
        sql(
            "SELECT to_char(scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM call_tasks WHERE id = ?",
            id);
    assertThat(utc).isEqualTo("2026-03-20 16:30");
    assertThat(Instant.parse(api.get("/api/v1/call-tasks/" + id).str("task.scheduledFor")))
        .isEqualTo(Instant.parse("2026-03-20T16:30:00Z"));

    // Filters given with a non-UTC offset select by instant, not by wall-clock text.
    String createdInLa = created.atOffset(ZoneOffset.ofHours(-7)).toString();
    assertThat(
            api.get("/api/v1/call-tasks?createdFrom=" + createdInLa.replace("-07:00", "-07:00"))
                .list("items"))
        .hasSize(1);
    assertThat(api.get("/api/v1/call-tasks?createdTo=" + createdInLa).list("items")).isEmpty();
  }

  @Test
  void aTimeAfterTheAutumnChangeUsesStandardTime() {
    Api api = server.newTenant().api();
    server.clock().set(Instant.parse("2026-10-30T12:00:00Z"));
    try {
      Api.Response r =
          api.post(
              "/api/v1/call-tasks",
              json(
                  "instruction",
                  "Ask about the invoice",
                  "phone",
                  Fixtures.nextPhone(),
                  "scheduledFor",
                  "2026-11-02T08:00:00-08:00"));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.str("task.scheduledFor")).isEqualTo("2026-11-02T16:00:00Z");
      String local =
          sql(
              "SELECT to_char(scheduled_for, 'YYYY-MM-DD HH24:MI TZ') FROM call_tasks WHERE id = ?",
              UUID.fromString(r.str("task.id")));
      assertThat(local).isEqualTo("2026-11-02 08:00 PST");
      assertThat(OffsetDateTime.parse(r.str("task.createdAt")).toInstant())
          .isEqualTo(Instant.parse("2026-10-30T12:00:00Z"));
    } finally {
      server.clock().set(Instant.parse("2026-03-14T15:09:26.535897Z"));
    }
  }
}
