package dev.parley.launcher.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A local chat-model server that holds a conversation: each POST is read through a {@link
 * ModelProtocol}, answered by a {@link BookingModel} from its content, and streamed back as the
 * provider streams (chunked transfer encoding, a flush per event). Faults can be queued for the
 * requests a predicate picks: a status with the provider's error body, or a stream cut after some
 * events. Records every exchange and the usage it reported.
 */
final class ConversingModelServer implements AutoCloseable {

  /** A scripted failure for one request. */
  record Fault(int status, int dropAfterEvents) {
    /** The provider's error body with {@code status}. */
    static Fault status(int status) {
      return new Fault(status, -1);
    }

    /** A 200 stream whose connection is cut after {@code events} events. */
    static Fault dropAfter(int events) {
      return new Fault(200, events);
    }
  }

  /**
   * One request as received and how it was answered.
   *
   * @param headers header names lower-cased, first value each
   * @param status the status sent
   * @param completed whether the answer was streamed to its end
   * @param inputTokens the input tokens reported (0 when nothing was reported)
   * @param outputTokens the output tokens reported (0 when nothing was reported)
   */
  record Exchange(
      String path,
      Map<String, String> headers,
      JsonNode body,
      ModelRequest request,
      ModelAnswer answer,
      int status,
      boolean completed,
      int inputTokens,
      int outputTokens) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelProtocol protocol;
  private final BookingModel model = new BookingModel();
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<Exchange> exchanges = new ArrayList<>();
  private Predicate<ModelRequest> faulty = r -> false;
  private final Deque<Fault> faults = new ArrayDeque<>();

  ConversingModelServer(ModelProtocol protocol) throws IOException {
    this.protocol = protocol;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(protocol.path(), this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** The API root the clients are configured with, e.g. http://127.0.0.1:40123 */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next requests {@code which} picks get {@code next}, one fault each, in order. */
  synchronized void failWhen(Predicate<ModelRequest> which, Fault... next) {
    faulty = which;
    faults.clear();
    faults.addAll(List.of(next));
  }

  /** Forgets recorded exchanges and queued faults. */
  synchronized void reset() {
    exchanges.clear();
    faults.clear();
    faulty = r -> false;
  }

  synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] raw = ex.getRequestBody().readAllBytes();
    JsonNode body = JSON.readTree(raw);
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
    ModelRequest request = protocol.read(body);
    ModelAnswer answer = model.answer(request);
    // About four bytes of prompt a token, as the providers count roughly.
    int inputTokens = Math.max(1, raw.length / 4);
    Fault fault;
    synchronized (this) {
      fault = !faults.isEmpty() && faulty.test(request) ? faults.poll() : null;
    }
    if (fault != null && fault.status() != 200) {
      record(ex, headers, body, request, answer, fault.status(), false, 0, 0);
      byte[] error = protocol.serverError().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(fault.status(), error.length);
      ex.getResponseBody().write(error);
      ex.close();
      return;
    }
    List<String> events = protocol.stream(request, answer, inputTokens);
    boolean drop = fault != null && fault.dropAfterEvents() >= 0;
    record(
        ex,
        headers,
        body,
        request,
        answer,
        200,
        !drop,
        drop ? 0 : inputTokens,
        drop ? 0 : answer.outputTokens());
    ex.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().add("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    for (int i = 0; i < events.size(); i++) {
      if (drop && i == fault.dropAfterEvents()) {
        // Leaving the handler by an exception makes the server close the socket mid-body.
        throw new IOException("scripted connection drop");
      }
      out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    ex.close();
  }

  private synchronized void record(
      HttpExchange ex,
      Map<String, String> headers,
      JsonNode body,
      ModelRequest request,
      ModelAnswer answer,
      int status,
      boolean completed,
      int in,
      int out) {
    exchanges.add(
        new Exchange(
            ex.getRequestURI().getPath(),
            headers,
            body,
            request,
            answer,
            status,
            completed,
            in,
            out));
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
