package dev.parley.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets Twilio's JSON error shape over raw HTTP. */
class RestErrorsTest {

  private static TwilioEmulator twilio;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    twilio = TwilioEmulator.start(EmulatorConfig.defaults());
  }

  @AfterAll
  static void stop() {
    twilio.close();
  }

  private HttpResponse<String> post(String path, String form, String token) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (twilio.config().accountSid() + ":" + token).getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create(twilio.baseUri() + path))
            .header("Authorization", "Basic " + auth)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String calls() {
    return "/2010-04-01/Accounts/" + twilio.config().accountSid() + "/Calls.json";
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "From=%2B15005550006&Url=http://x.test/t|21201",
        "To=12345&From=%2B15005550006&Url=http://x.test/t|21211",
        "To=%2B12125550100&Url=http://x.test/t|21213",
        "To=%2B12125550100&From=%2B15005550006|21205",
        "To=%2B12125550100&From=%2B15005550006&Url=ftp://x.test/t|21205",
        "To=%2B12125550100&From=%2B15005550006&Url=http://x.test/t&Timeout=0|21216",
        "To=%2B12125550100&From=%2B15005550006&Url=http://x.test/t&Method=PUT|21206",
        "To=%2B12125550100&From=%2B15005550006&Twiml=%3CResponse%3E|12100",
        "To=%2B12125550100&From=%2B15005550006&Url=http://x.test/t&MachineDetection=Maybe|21214"
      })
  void badCreateInputIsA400WithTwiliosErrorBody(String form, int code) throws Exception {
    HttpResponse<String> res = post(calls(), form, twilio.config().authToken());
    assertThat(res.statusCode()).isEqualTo(400);
    JsonNode body = new ObjectMapper().readTree(res.body());
    assertThat(body.path("code").asInt()).isEqualTo(code);
    assertThat(body.path("status").asInt()).isEqualTo(400);
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(body.path("more_info").asText())
        .isEqualTo("https://www.twilio.com/docs/errors/" + code);
  }

  @Test
  void otherAccountsAndUnknownPathsAre404AndBadAuthIs401() throws Exception {
    HttpResponse<String> other =
        post(
            "/2010-04-01/Accounts/AC11111111111111111111111111111111/Calls.json",
            "",
            twilio.config().authToken());
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(new ObjectMapper().readTree(other.body()).path("code").asInt()).isEqualTo(20404);
    assertThat(post("/2010-04-01/Nope.json", "", twilio.config().authToken()).statusCode())
        .isEqualTo(404);
    HttpResponse<String> unauth = post(calls(), "", "wrong");
    assertThat(unauth.statusCode()).isEqualTo(401);
    assertThat(new ObjectMapper().readTree(unauth.body()).path("code").asInt()).isEqualTo(20003);
  }

  @Test
  void statusCallbackEventsMayBeRepeatedOrSpaceSeparated() throws Exception {
    HttpResponse<String> res =
        post(
            calls(),
            "To=%2B12125550130&From=%2B15005550006&Url=http://127.0.0.1:1/t"
                + "&StatusCallback=http://127.0.0.1:1/s&StatusCallbackEvent=initiated+ringing"
                + "&StatusCallbackEvent=completed",
            twilio.config().authToken());
    assertThat(res.statusCode()).isEqualTo(201);
    JsonNode call = new ObjectMapper().readTree(res.body());
    assertThat(call.path("status").asText()).isEqualTo("queued");
    assertThat(call.path("to_formatted").asText()).isEqualTo("(212) 555-0130");
    assertThat(call.path("date_created").asText())
        .matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
  }
}
