package dev.parley.control.telephony;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A local HTTP server standing in for api.twilio.com that records what the SDK sends. */
final class FakeTwilioApi implements AutoCloseable {
  /** One received request. */
  record Received(
      String method,
      String path,
      String authorization,
      String contentType,
      Map<String, List<String>> form) {
    String one(String name) {
      List<String> v = form.get(name);
      return v == null ? null : v.get(0);
    }
  }

  /** What to answer: status and JSON body. */
  record Answer(int status, String json) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  volatile Function<Received, Answer> responder;

  FakeTwilioApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    responder =
        r ->
            new Answer(
                201, "{\"sid\": \"CA0123456789abcdef0123456789abcdef\", \"status\": \"queued\"}");
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Received r =
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  parseForm(body));
          received.add(r);
          Answer a = responder.apply(r);
          byte[] out = a.json().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(a.status(), out.length);
          try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
          }
        });
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  static Map<String, List<String>> parseForm(String body) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return m;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return m;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
