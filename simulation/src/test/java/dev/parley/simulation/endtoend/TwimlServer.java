package dev.parley.simulation.endtoend;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The control plane's TwiML endpoint, for the end-to-end tests: {@code /twiml/{callId}} answers
 * with {@code <Connect><Stream>} to the media node, carrying the call's stream token; it serves
 * both an outbound call's TwiML fetch and an incoming number's Voice URL.
 */
final class TwimlServer implements AutoCloseable {

  private final HttpServer http;
  private final Map<String, String> twiml = new ConcurrentHashMap<>();

  TwimlServer() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/twiml/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String id = exchange.getRequestURI().getPath().substring("/twiml/".length());
          String doc = twiml.get(id);
          byte[] body = (doc == null ? "<Response><Hangup/></Response>" : doc).getBytes(UTF8);
          exchange.getResponseHeaders().set("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    http.start();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** Serves a stream to {@code mediaPort} for {@code callId}, admitted by {@code token}. */
  String streamTo(int mediaPort, String callId, String token) {
    return streamTo(mediaPort, callId, token, Map.of());
  }

  /**
   * Serves a stream to {@code mediaPort} for {@code callId}, admitted by {@code token}, with more
   * {@code <Parameter>}s (as the control plane adds direction, from and to).
   */
  String streamTo(int mediaPort, String callId, String token, Map<String, String> parameters) {
    StringBuilder params = new StringBuilder();
    params.append("<Parameter name=\"token\" value=\"").append(token).append("\"/>");
    parameters.forEach(
        (k, v) ->
            params
                .append("<Parameter name=\"")
                .append(k)
                .append("\" value=\"")
                .append(v)
                .append("\"/>"));
    twiml.put(
        callId,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect>"
            + "<Stream url=\"ws://127.0.0.1:"
            + mediaPort
            + "/streams/"
            + callId
            + "\">"
            + params
            + "</Stream></Connect></Response>");
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/twiml/" + callId;
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
