package dev.parley.control.api;

import static dev.parley.control.support.Fixtures.assertProblem;
import static dev.parley.control.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.support.Api;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contacts, profile, assistant settings, API keys and task listing through the API. */
class AccountAndContactsApiTest {
  private final TestServer server = TestServer.shared();

  @Test
  void contactsCrudNormalisesPhonesAndPages() {
    Api api = server.newTenant().api();
    String phone = Fixtures.nextPhone();
    Api.Response created =
        api.post(
            "/api/v1/contacts",
            json(
                "name",
                " Zed Ortiz ",
                "company",
                "Ortiz Plumbing",
                "phone",
                phone,
                "email",
                "zed@ortiz.example",
                "kind",
                "business"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.str("name")).isEqualTo("Zed Ortiz");
    assertThat(created.str("phone")).isEqualTo(Fixtures.e164(phone));
    String id = created.str("id");

    Api.Response replaced =
        api.put(
            "/api/v1/contacts/" + id,
            json(
                "name",
                "Zed Ortiz",
                "phone",
                "+44 20 7946 0958",
                "kind",
                "person",
                "notes",
                "my plumber"));
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(replaced.str("phone")).isEqualTo("+442079460958");
    assertThat(replaced.str("company")).isNull();
    assertThat(replaced.str("notes")).isEqualTo("my plumber");

    for (String name : List.of("Amy", "Bea", "Cal")) {
      Fixtures.contact(api, name, null, Fixtures.nextPhone());
    }
    Api.Response page = api.get("/api/v1/contacts?offset=1&limit=2");
    assertThat(((Number) page.at("total")).intValue()).isEqualTo(4);
    assertThat(page.list("items")).extracting(c -> c.get("name")).containsExactly("Bea", "Cal");

    assertThat(api.delete("/api/v1/contacts/" + id).status()).isEqualTo(204);
    assertProblem(api.get("/api/v1/contacts/" + id), 404);
    assertProblem(api.delete("/api/v1/contacts/" + id), 404);
  }

  @Test
  void profileAndSettingsRoundTrip() {
    Api api = server.newTenant().api();
    Api.Response me =
        api.patch(
            "/api/v1/users/me",
            json(
                "fullName",
                "Robin Park",
                "phone",
                "(212) 736-5000",
                "defaultTone",
                "firm",
                "timeZone",
                "America/New_York"));
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.str("phone")).isEqualTo("+12127365000");
    assertThat(me.str("defaultTone")).isEqualTo("firm");
    assertThat(me.str("timeZone")).isEqualTo("America/New_York");
    assertThat(api.get("/api/v1/users/me").str("fullName")).isEqualTo("Robin Park");

    Map<String, Object> defaults = api.get("/api/v1/assistant-settings").body();
    assertThat(defaults)
        .containsEntry("voicemailPolicy", "hang_up")
        .containsEntry("autoRetry", true);
    Map<String, Object> settings =
        json(
            "autoApproveAmount",
            20,
            "requireApprovalAmount",
            250,
            "defaultTone",
            "assertive",
            "allowedPersonalFields",
            List.of("full_name", "email"),
            "forbiddenPhrases",
            List.of("social security number"),
            "autoRetry",
            false,
            "maxRetryAttempts",
            1,
            "callingWindowStart",
            "08:30:00",
            "callingWindowEnd",
            "18:00:00",
            "voicemailPolicy",
            "leave_message");
    Api.Response put = api.put("/api/v1/assistant-settings", settings);
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    Map<String, Object> read = api.get("/api/v1/assistant-settings").body();
    assertThat(read)
        .containsEntry("defaultTone", "assertive")
        .containsEntry("voicemailPolicy", "leave_message");
    assertThat(read.get("forbiddenPhrases")).isEqualTo(List.of("social security number"));
    assertThat(read.get("callingWindowStart").toString()).startsWith("08:30");

    settings.put("autoApproveAmount", 500);
    Api.Response inverted = api.put("/api/v1/assistant-settings", settings);
    assertProblem(inverted, 422);
    assertThat(inverted.list("errors").get(0)).containsEntry("field", "autoApproveAmount");
    settings.put("autoApproveAmount", 20);
    settings.put("callingWindowEnd", "07:00:00");
    assertProblem(api.put("/api/v1/assistant-settings", settings), 422);
    settings.put("callingWindowEnd", "18:00:00");
    // A personal field the agent does not know would never be shared: refused, nothing changed.
    settings.put("allowedPersonalFields", List.of("full_name", "name"));
    Api.Response unknownField = api.put("/api/v1/assistant-settings", settings);
    assertProblem(unknownField, 422);
    assertThat(unknownField.list("errors").get(0))
        .containsEntry("field", "allowedPersonalFields[1]");
    assertThat(api.get("/api/v1/assistant-settings").body().get("allowedPersonalFields"))
        .isEqualTo(List.of("full_name", "email"));
  }

  @Test
  void apiKeysAreShownOnceAndRevocable() {
    TestServer.Tenant tenant = server.newTenant();
    Api.Response created = tenant.api().post("/api/v1/api-keys", json("name", "ci"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String key = created.str("key");
    assertThat(key).startsWith(created.str("prefix"));
    Api second = tenant.api().as(key);
    assertThat(second.get("/api/v1/users/me").str("id")).isEqualTo(tenant.userId().toString());
    List<Map<String, Object>> listed = tenant.api().get("/api/v1/api-keys").list("");
    assertThat(listed).hasSize(2).allSatisfy(k -> assertThat(k).doesNotContainKey("key"));
    assertThat(tenant.api().get("/api/v1/api-keys").text()).doesNotContain(key);

    assertThat(tenant.api().delete("/api/v1/api-keys/" + created.str("id")).status())
        .isEqualTo(204);
    assertProblem(second.get("/api/v1/users/me"), 401);
    assertProblem(tenant.api().delete("/api/v1/api-keys/" + created.str("id")), 409);
    assertThat(tenant.api().get("/api/v1/users/me").status()).isEqualTo(200);
  }

  @Test
  void taskListFiltersPagesAndFollowsCursors() {
    Api api = server.newTenant().api();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      server.clock().advance(java.time.Duration.ofMinutes(1));
      ids.add(Fixtures.readyTask(api, Fixtures.nextPhone()).str("task.id"));
    }
    String cutoff = server.clock().instant().toString();
    server.clock().advance(java.time.Duration.ofMinutes(1));
    Api.Response waiting = api.post("/api/v1/call-tasks", json("instruction", "Call someone"));
    api.post("/api/v1/call-tasks/" + ids.get(0) + "/cancel", null);

    Api.Response all = api.get("/api/v1/call-tasks?limit=50");
    assertThat(((Number) all.at("total")).intValue()).isEqualTo(6);
    assertThat(all.list("items").get(0).get("id"))
        .as("newest first")
        .isEqualTo(waiting.str("task.id"));

    Api.Response ready = api.get("/api/v1/call-tasks?status=ready_to_call");
    assertThat(((Number) ready.at("total")).intValue()).isEqualTo(4);
    assertThat(ready.list("items"))
        .allSatisfy(t -> assertThat(t).containsEntry("status", "ready_to_call"));

    Api.Response before =
        api.get("/api/v1/call-tasks?createdTo=" + cutoff.replace("Z", "%2B00:00"));
    assertThat(before.status()).as(before.toString()).isEqualTo(200);
    assertThat(((Number) before.at("total")).intValue()).isEqualTo(4);
    Api.Response after = api.get("/api/v1/call-tasks?createdFrom=" + cutoff);
    assertThat(after.list("items"))
        .extracting(t -> t.get("id"))
        .containsExactlyInAnyOrder(ids.get(4), waiting.str("task.id"));

    Set<Object> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Api.Response page =
          api.get("/api/v1/call-tasks?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      page.list("items").forEach(t -> assertThat(seen.add(t.get("id"))).isTrue());
      cursor = page.str("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(seen).hasSize(6);

    Api.Response offset = api.get("/api/v1/call-tasks?offset=5&limit=2");
    assertThat(offset.list("items")).hasSize(1);
  }
}
