package dev.parley.emulator.webhook;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * SIMULATION ONLY: makes Twilio's outgoing webhook requests (status callbacks, TwiML fetches),
 * signed with the account's auth token, asynchronously on one shared HTTP client.
 */
public final class WebhookClient {

  private static final String USER_AGENT = "TwilioProxy/1.1 (Parley emulator, SIMULATION)";

  private final HttpClient http;
  private final String authToken;
  private final Duration timeout;
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();

  /** A client signing with {@code authToken}, giving each request {@code timeout}. */
  public WebhookClient(String authToken, Duration timeout) {
    this.authToken = authToken;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A response to a webhook: status code and body. */
  public record WebhookResponse(int status, String body) {
    /** Whether the status is 2xx. */
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Sends {@code params} to {@code url} with {@code method} (POST as a form, GET in the query
   * string), signed. The future fails on a transport error; HTTP errors are a normal response.
   */
  public CompletableFuture<WebhookResponse> send(
      String url, String method, Map<String, List<String>> params) {
    String encoded = encode(params);
    HttpRequest.Builder request =
        HttpRequest.newBuilder().timeout(timeout).header("User-Agent", USER_AGENT);
    String signedUrl;
    if ("GET".equalsIgnoreCase(method)) {
      signedUrl = encoded.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + encoded;
      request.uri(URI.create(signedUrl)).GET();
      request.header(
          TwilioSignature.HEADER, TwilioSignature.compute(authToken, signedUrl, Map.of()));
    } else {
      signedUrl = url;
      request
          .uri(URI.create(url))
          .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(encoded));
      request.header(TwilioSignature.HEADER, TwilioSignature.compute(authToken, url, params));
    }
    sent.increment();
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new WebhookResponse(r.statusCode(), r.body()))
        .whenComplete(
            (r, e) -> {
              if (e != null || !r.ok()) {
                failed.increment();
              }
            });
  }

  /** Webhook requests made so far. */
  public long sentCount() {
    return sent.sum();
  }

  /** Requests that failed or got a non-2xx answer. */
  public long failedCount() {
    return failed.sum();
  }

  static String encode(Map<String, List<String>> params) {
    StringJoiner out = new StringJoiner("&");
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      for (String v : e.getValue()) {
        out.add(
            URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    }
    return out.toString();
  }
}
