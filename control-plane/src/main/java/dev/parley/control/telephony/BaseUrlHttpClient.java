package dev.parley.control.telephony;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Twilio SDK's transport, re-pointed: every request the SDK builds for {@code
 * https://<product>.twilio.com/...} is sent to the same path under a configured base URL. With the
 * default base the requests go to Twilio unchanged; the emulator and tests point it at a local
 * server. Uses the JDK's HTTP client; form bodies, query strings and Basic auth are the SDK's own.
 */
public final class BaseUrlHttpClient extends HttpClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final URI base;
  private final java.net.http.HttpClient http;

  public BaseUrlHttpClient(URI base) {
    this.base = base;
    this.http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** Where a request the SDK addressed to {@code original} goes. */
  URI rewrite(URL original) {
    String b = base.toString();
    if (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    String file = original.getFile(); // path + "?" + query
    return URI.create(b + file);
  }

  @Override
  public Response makeRequest(Request request) {
    URI target = rewrite(request.constructURL());
    HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(TIMEOUT);
    for (Map.Entry<String, List<String>> h : request.getHeaderParams().entrySet()) {
      for (String v : h.getValue()) {
        b.header(h.getKey(), v);
      }
    }
    if (request.requiresAuthentication()) {
      b.header("Authorization", request.getAuthString());
    }
    b.header("Accept", "application/json");
    b.header("Accept-Encoding", "identity");
    HttpMethod method = request.getMethod();
    if (method == HttpMethod.POST || method == HttpMethod.PUT) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
      b.method(
          method.toString(),
          HttpRequest.BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8));
    } else {
      b.method(method.toString(), HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> r =
          http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.body(), r.statusCode());
    } catch (IOException e) {
      throw new ApiConnectionException("request to " + target + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("interrupted while calling " + target, e);
    }
  }
}
