package dev.parley.control.api;

import static dev.parley.control.support.Fixtures.assertProblem;
import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.support.Api;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Malformed input on every endpoint is a 4xx {@code application/problem+json} with the standard
 * members and an {@code errors} array of {field, reason}; never a 500.
 */
class MalformedInputTest {
  private final TestServer server = TestServer.shared();

  private static final List<String> BAD_BODIES =
      List.of(
          "{\"instruction\": ",
          "[]",
          "\"just a string\"",
          "{\"instruction\": 5, \"maxPrice\": \"abc\", \"tone\": \"shouty\"}",
          "{\"name\": {\"nested\": true}, \"kind\": 7}",
          "{\"scheduledFor\": \"tomorrow\", \"phone\": []}",
          "{\"contactId\": \"not-a-uuid\"}",
          "{\"autoApproveAmount\": \"lots\", \"callingWindowStart\": \"25:99\"}",
          "{}",
          "null",
          "");

  @Test
  void everyBodyEndpointRejectsMalformedBodiesWithProblems() {
    TestServer.Tenant tenant = server.newTenant();
    Api api = tenant.api();
    String task = Fixtures.readyTask(api, Fixtures.nextPhone()).str("task.id");
    String contact = Fixtures.contact(api, "Bo", null, Fixtures.nextPhone());
    String[][] endpoints = {
      {"POST", "/api/v1/call-tasks"},
      {"POST", "/api/v1/b2b-calls"},
      {"PATCH", "/api/v1/call-tasks/" + task + "/clarifications"},
      {"POST", "/api/v1/call-tasks/" + task + "/schedule"},
      {"POST", "/api/v1/call-tasks/" + task + "/follow-up"},
      {"POST", "/api/v1/contacts"},
      {"PUT", "/api/v1/contacts/" + contact},
      {"PATCH", "/api/v1/users/me"},
      {"PUT", "/api/v1/assistant-settings"},
      {"POST", "/api/v1/api-keys"},
    };
    for (String[] endpoint : endpoints) {
      for (String body : BAD_BODIES) {
        if (body.equals("{}")
            && (endpoint[0].equals("PATCH") || endpoint[1].endsWith("follow-up"))) {
          continue; // an empty patch or follow-up is valid
        }
        Api.Response r = api.send(endpoint[0], endpoint[1], body);
        assertThat(r.status())
            .as(endpoint[0] + " " + endpoint[1] + " <- " + body + ": " + r)
            .isBetween(400, 499);
        assertProblem(r, r.status());
      }
      Api.Response wrongType =
          api.send(endpoint[0], endpoint[1], "instruction=hi", "Content-Type", "text/plain");
      assertThat(wrongType.status())
          .as(endpoint[1] + " text/plain: " + wrongType)
          .isBetween(400, 499);
      assertProblem(wrongType, wrongType.status());
    }
  }

  @Test
  void validationProblemsNameTheField() {
    Api api = server.newTenant().api();
    Api.Response badPhone =
        api.post("/api/v1/call-tasks", json("instruction", "Call", "phone", "555"));
    assertProblem(badPhone, 422);
    assertThat(badPhone.list("errors")).extracting(e -> e.get("field")).containsExactly("phone");

    Api.Response blank = api.post("/api/v1/call-tasks", json("instruction", "   ", "maxPrice", -3));
    assertProblem(blank, 422);
    assertThat(blank.list("errors"))
        .extracting(e -> e.get("field"))
        .contains("instruction", "maxPrice");

    Api.Response contactPhone =
        api.post("/api/v1/contacts", json("name", "Al", "phone", "+1 999", "kind", "person"));
    assertProblem(contactPhone, 422);
    assertThat(contactPhone.list("errors").get(0)).containsEntry("field", "phone");

    Api.Response enumValue =
        api.post("/api/v1/call-tasks", json("instruction", "Call", "tone", "shouty"));
    assertThat(enumValue.status()).as(enumValue.toString()).isBetween(400, 422);
    assertProblem(enumValue, enumValue.status());

    Api.Response timeZone = api.patch("/api/v1/users/me", json("timeZone", "Mars/Olympus"));
    assertProblem(timeZone, 422);
    assertThat(timeZone.list("errors").get(0)).containsEntry("field", "timeZone");
  }

  @Test
  void pathsQueriesRoutesAndMethodsAreProblemsToo() {
    Api api = server.newTenant().api();
    String[][] requests = {
      {"GET", "/api/v1/call-tasks/not-a-uuid"},
      {"GET", "/api/v1/call-sessions/123"},
      {"POST", "/api/v1/call-tasks/zzz/cancel"},
      {"DELETE", "/api/v1/contacts/%20"},
      {"GET", "/api/v1/call-tasks?limit=abc"},
      {"GET", "/api/v1/call-tasks?limit=0"},
      {"GET", "/api/v1/call-tasks?limit=100000"},
      {"GET", "/api/v1/call-tasks?offset=-1"},
      {"GET", "/api/v1/call-tasks?status=bogus"},
      {"GET", "/api/v1/call-tasks?createdFrom=yesterday"},
      {"GET", "/api/v1/call-tasks?createdTo=2026-01-01T00:00:00"},
      {"GET", "/api/v1/call-tasks?cursor=%25%25%25"},
      {"GET", "/api/v1/call-tasks?cursor=bm9wZQ"},
      {"GET", "/api/v1/notifications?unread=maybe"},
      {"GET", "/api/v1/nope"},
      {"GET", "/api/v1/call-tasks/" + UUID.randomUUID()},
      {"DELETE", "/api/v1/call-tasks"},
      {"PUT", "/api/v1/call-tasks/" + UUID.randomUUID()},
      {"POST", "/api/v1/users/me"},
    };
    for (String[] request : requests) {
      Api.Response r = api.send(request[0], request[1], null);
      assertThat(r.status()).as(request[0] + " " + request[1] + ": " + r).isBetween(400, 499);
      assertProblem(r, r.status());
    }
    assertProblem(api.get("/api/v1/nope"), 404);
    assertProblem(api.send("DELETE", "/api/v1/call-tasks", null), 405);
    Api.Response badStatus = api.get("/api/v1/call-tasks?status=bogus");
    assertProblem(badStatus, 422);
    assertThat(badStatus.list("errors").get(0)).containsEntry("field", "status");
  }
}
