package dev.parley.emulator.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Test double of Parley's control plane webhooks: records requests and serves TwiML. */
public final class WebhookRecorder implements AutoCloseable {

  /** One received webhook. */
  public record Received(
      String method, String path, String signature, Map<String, String> params, String url) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, String> twiml = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

  public WebhookRecorder() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Serve {@code xml} at {@code path}. */
  public void twiml(String path, String xml) {
    twiml.put(path, xml);
  }

  /** Answer requests to {@code path} with HTTP {@code status} and no body. */
  public void status(String path, int status) {
    statuses.put(path, status);
  }

  /**
   * Holds the answers to {@code path} until {@code release} is counted down (a slow application); a
   * request is recorded before it is held.
   */
  public void hold(String path, CountDownLatch release) {
    holds.put(path, release);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits until a request matching {@code p} arrived. */
  public Received await(Predicate<Received> p, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      for (Received r : received) {
        if (p.test(r)) {
          return r;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no matching webhook within " + timeoutMs + " ms; got " + received);
  }

  private void handle(HttpExchange ex) throws IOException {
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String query = ex.getRequestURI().getRawQuery();
    Map<String, String> params =
        parse("GET".equals(ex.getRequestMethod()) ? (query == null ? "" : query) : body);
    String path = ex.getRequestURI().getPath();
    String url = url(path) + (query == null ? "" : "?" + query);
    received.add(
        new Received(
            ex.getRequestMethod(),
            path,
            ex.getRequestHeaders().getFirst("X-Twilio-Signature"),
            params,
            url));
    CountDownLatch hold = holds.get(path);
    if (hold != null) {
      try {
        if (!hold.await(2, TimeUnit.MINUTES)) {
          ex.sendResponseHeaders(504, -1);
          ex.close();
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ex.close();
        return;
      }
    }
    Integer status = statuses.get(path);
    if (status != null) {
      ex.sendResponseHeaders(status, -1);
      ex.close();
      return;
    }
    String xml = twiml.get(path);
    byte[] out = (xml == null ? "" : xml).getBytes(StandardCharsets.UTF_8);
    if (xml != null) {
      ex.getResponseHeaders().set("Content-Type", "application/xml");
    }
    ex.sendResponseHeaders(200, out.length == 0 ? -1 : out.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  static Map<String, String> parse(String form) {
    Map<String, String> out = new LinkedHashMap<>();
    if (form.isEmpty()) {
      return out;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  /** Values of {@code key} across {@code list}, in order. */
  public static List<String> values(List<Received> list, String key) {
    List<String> out = new ArrayList<>();
    for (Received r : list) {
      out.add(r.params().get(key));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
