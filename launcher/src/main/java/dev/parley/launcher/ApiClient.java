package dev.parley.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Parley's REST API over HTTP with an API key, as any client would use it. */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String apiKey;

  ApiClient(String base, String apiKey) {
    this.base = base;
    this.apiKey = apiKey;
  }

  /** A call the API refused, with the problem document it sent. */
  static final class ApiException extends IOException {
    final int status;
    final JsonNode problem;

    ApiException(String method, String path, int status, JsonNode problem) {
      super(method + " " + path + " answered " + status + ": " + problem);
      this.status = status;
      this.problem = problem;
    }
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  JsonNode post(String path, Object body) throws IOException, InterruptedException {
    return send("POST", path, body);
  }

  JsonNode patch(String path, Object body) throws IOException, InterruptedException {
    return send("PATCH", path, body);
  }

  JsonNode put(String path, Object body) throws IOException, InterruptedException {
    return send("PUT", path, body);
  }

  private JsonNode send(String method, String path, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + apiKey)
            .header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .header("Idempotency-Key", UUID.randomUUID().toString())
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode node = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
    if (r.statusCode() >= 300) {
      throw new ApiException(method, path, r.statusCode(), node);
    }
    return node;
  }
}
