package dev.parley.control.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.support.Api;
import dev.parley.control.support.TestServer;
import org.junit.jupiter.api.Test;

/** The server boots, authenticates, and serves its OpenAPI document and UI. */
class ServerBasicsTest {
  private final TestServer server = TestServer.shared();

  @Test
  void bootstrapAdminKeyFromConfigAuthenticates() {
    Api.Response me = server.api(TestServer.BOOTSTRAP_KEY).get("/api/v1/users/me");
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.str("role")).isEqualTo("admin");
    assertThat(me.str("email")).isEqualTo("admin@parley.local");
  }

  @Test
  void xApiKeyHeaderAuthenticatesToo() {
    Api.Response me =
        server
            .api(null)
            .send("GET", "/api/v1/users/me", null, "X-Api-Key", TestServer.BOOTSTRAP_KEY);
    assertThat(me.status()).isEqualTo(200);
  }

  @Test
  void missingOrWrongKeyIs401Problem() {
    for (String key : new String[] {null, "nonsense", TestServer.BOOTSTRAP_KEY.replace('0', '1')}) {
      Api.Response r = server.api(key).get("/api/v1/users/me");
      assertThat(r.status()).as(r.toString()).isEqualTo(401);
      assertThat(r.isProblem()).isTrue();
      assertThat(r.body()).containsKeys("type", "title", "status", "detail", "errors");
    }
  }

  @Test
  void openApiDocumentAndSwaggerUiAreServed() {
    Api.Response spec = server.api(null).get("/openapi");
    assertThat(spec.status()).isEqualTo(200);
    assertThat(spec.text()).contains("openapi:").contains("/api/v1/call-tasks");
    Api.Response ui = server.api(null).get("/swagger-ui/index.html");
    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.text()).contains("swagger-ui");
    Api.Response yml = server.api(null).get("/swagger/parley-control-plane.yml");
    assertThat(yml.status()).isEqualTo(200);
  }
}
