package dev.parley.control.support;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP client (java.net.http) against the running server, authenticated with one API key.
 * Bodies are sent as given (a Map is serialised, a String is sent raw) so tests can send malformed
 * JSON; responses never throw on 4xx/5xx.
 */
public final class Api {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;
  private final String apiKey;
  private final JsonMapper json;

  Api(URI base, String apiKey, JsonMapper json) {
    this.base = base;
    this.apiKey = apiKey;
    this.json = json;
  }

  /** The same server with another key (null for none). */
  public Api as(String otherKey) {
    return new Api(base, otherKey, json);
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, Object body, String... headers) {
    return send("POST", path, body, headers);
  }

  public Response put(String path, Object body, String... headers) {
    return send("PUT", path, body, headers);
  }

  public Response patch(String path, Object body, String... headers) {
    return send("PATCH", path, body, headers);
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  /** Sends any method; {@code headers} are name/value pairs. */
  public Response send(String method, String path, Object body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    boolean contentTypeSet = false;
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
      contentTypeSet |= headers[i].equalsIgnoreCase("Content-Type");
    }
    HttpRequest.BodyPublisher publisher;
    if (body == null) {
      publisher = HttpRequest.BodyPublishers.noBody();
    } else {
      String text = body instanceof String s ? s : write(body);
      publisher = HttpRequest.BodyPublishers.ofString(text);
      if (!contentTypeSet) {
        b.header("Content-Type", "application/json");
      }
    }
    b.method(method, publisher);
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(""),
          r.body(),
          r.headers().map(),
          json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response with its body parsed on demand. */
  public record Response(
      int status,
      String contentType,
      String text,
      Map<String, List<String>> headers,
      JsonMapper json) {

    /** The body as a JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> body() {
      try {
        return json.readValue(text, Argument.mapOf(String.class, Object.class));
      } catch (IOException e) {
        throw new UncheckedIOException("not a JSON object (" + status + "): " + text, e);
      }
    }

    /** A value by a dotted path through objects ("task.status"). */
    public Object at(String path) {
      Object node = body();
      for (String part : path.split("\\.")) {
        if (!(node instanceof Map<?, ?> map)) {
          return null;
        }
        node = map.get(part);
      }
      return node;
    }

    public String str(String path) {
      Object v = at(path);
      return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String path) {
      Object v = path.isEmpty() ? null : at(path);
      if (v == null) {
        try {
          v = json.readValue(text, Argument.listOf(Object.class));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return new ArrayList<>((List<Map<String, Object>>) v);
    }

    public boolean isProblem() {
      return contentType.startsWith("application/problem+json");
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + text;
    }
  }
}
