package dev.parley.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server that answers each POST with the next scripted response, written byte for byte
 * as the provider would: a status, headers, and a body sent in pieces with a flush after each
 * (chunked transfer encoding, as the providers stream SSE). A response can drop the connection
 * after some pieces, or wait for the test before going on. Records every request.
 */
final class FakeModelServer implements AutoCloseable {

  /** One request as received. */
  record Received(String path, Headers headers, JsonNode body) {}

  /** One scripted response. */
  static final class Reply {
    final int status;
    final Map<String, String> headers;
    final List<String> pieces;
    int dropAfter = -1;
    int waitAfter = -1;
    CountDownLatch gate;

    Reply(int status, Map<String, String> headers, List<String> pieces) {
      this.status = status;
      this.headers = headers;
      this.pieces = pieces;
    }

    /** Cuts the connection after {@code n} pieces, without ending the chunked body. */
    Reply dropAfter(int n) {
      this.dropAfter = n;
      return this;
    }

    /** Stops after {@code n} pieces until {@code latch} opens, then sends the rest. */
    Reply waitAfter(int n, CountDownLatch latch) {
      this.waitAfter = n;
      this.gate = latch;
      return this;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();

  FakeModelServer(String path) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(path, this::handle);
    server.start();
  }

  /** The base URL, e.g. http://127.0.0.1:40123 */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized FakeModelServer then(Reply r) {
    script.add(r);
    return this;
  }

  /** A streamed 200 event-stream reply. */
  static Reply sse(List<String> events) {
    return new Reply(200, Map.of("Content-Type", "text/event-stream"), events);
  }

  /** A JSON error reply. */
  static Reply error(int status, String body, Map<String, String> headers) {
    Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    h.put("Content-Type", "application/json");
    return new Reply(status, h, List.of(body));
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange ex) throws IOException {
    Reply r;
    synchronized (this) {
      JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
      received.add(new Received(ex.getRequestURI().getPath(), ex.getRequestHeaders(), body));
      r = script.poll();
    }
    if (r == null) {
      r =
          error(
              500,
              "{\"error\":{\"message\":\"script exhausted\",\"type\":\"server_error\"}}",
              Map.of());
    }
    r.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.sendResponseHeaders(r.status, 0);
    OutputStream out = ex.getResponseBody();
    for (int i = 0; i < r.pieces.size(); i++) {
      if (i == r.waitAfter) {
        try {
          r.gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (i == r.dropAfter) {
        // An exception out of the handler makes the server close the socket mid-body.
        throw new IOException("scripted connection drop");
      }
      out.write(r.pieces.get(i).getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    out.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
