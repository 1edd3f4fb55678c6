package dev.parley.control.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.support.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The webhook endpoint over real HTTP in the running application. The test server listens on a
 * random port while Twilio is configured to reach us at {@code PARLEY_PUBLIC_BASE_URL} (default
 * {@code http://localhost:8080}), as behind a proxy: signatures must be checked against the public
 * URL, not the one the request arrived at.
 */
class TwilioWebhookHttpTest {
  final TestServer server = TestServer.shared();
  final TelephonyConfig config = server.bean(TelephonyConfig.class);
  final String TOKEN = config.authToken();
  final String PUBLIC = config.publicUrl("");
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> post(String path, Map<String, String> form, String signature)
      throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.uri() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      b.header("X-Twilio-Signature", signature);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  long receipts(String callSid) throws Exception {
    DataSource ds = dev.parley.control.dispatch.RawDataSource.of(server.bean(DataSource.class));
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM webhook_receipts WHERE provider_event_key LIKE ?")) {
      c.setAutoCommit(true);
      ps.setString(1, callSid + "|%");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void signedCallbacksAreAcceptedAndForgedOnesAre403WithNoSideEffect() throws Exception {
    String callSid = "CA" + UUID.randomUUID().toString().replace("-", "");
    String path = "/twilio/status/" + UUID.randomUUID();
    Map<String, String> form =
        Map.of(
            "CallSid",
            callSid,
            "CallStatus",
            "ringing",
            "SequenceNumber",
            "1",
            "AccountSid",
            "AC00000000000000000000000000000000");
    String good = TwilioSigner.sign(TOKEN, PUBLIC + path, form);

    assertThat(post(path, form, null).statusCode()).isEqualTo(403);
    assertThat(
            post(path, form, TwilioSigner.sign("forged-token", PUBLIC + path, form)).statusCode())
        .isEqualTo(403);
    assertThat(
            post(
                    path,
                    Map.of(
                        "CallSid",
                        callSid,
                        "CallStatus",
                        "completed",
                        "SequenceNumber",
                        "1",
                        "AccountSid",
                        "AC00000000000000000000000000000000"),
                    good)
                .statusCode())
        .isEqualTo(403);
    // Signed for the address the request really arrived at, which is not the one Twilio uses.
    assertThat(post(path, form, TwilioSigner.sign(TOKEN, server.uri() + path, form)).statusCode())
        .isEqualTo(403);
    assertThat(receipts(callSid)).isZero();

    assertThat(post(path, form, good).statusCode()).isEqualTo(204);
    assertThat(receipts(callSid)).isEqualTo(1);
  }
}
