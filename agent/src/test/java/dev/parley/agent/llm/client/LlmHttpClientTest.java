package dev.parley.agent.llm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LlmHttpClientTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // A server that starts a stream and then stalls, as a hung model server does.
    server.createContext(
        "/stall",
        ex -> {
          ex.getRequestBody().readAllBytes();
          ex.getResponseHeaders().add("Content-Type", "text/event-stream");
          ex.sendResponseHeaders(200, 0);
          OutputStream out = ex.getResponseBody();
          out.write("data: {\"a\":1}\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          out.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  @Test
  void aStalledStreamIsCutAtTheCallDeadline() throws Exception {
    HttpSettings d = HttpSettings.defaults();
    HttpSettings s =
        new HttpSettings(
            d.connectTimeout(),
            Duration.ofSeconds(5),
            Duration.ofMillis(500),
            1,
            d.baseBackoff(),
            d.maxBackoff(),
            d.maxEventBytes());
    try (LlmHttpClient http = new LlmHttpClient(s, Sleeper.SYSTEM);
        ModelStream stream =
            http.stream(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stall"),
                Map.of(),
                "{}",
                (status, body, retryAfter) ->
                    LlmException.of(LlmException.Kind.HTTP_STATUS, body, null))) {
      assertThat(stream.next().data()).isEqualTo("{\"a\":1}");
      assertThatThrownBy(stream::next)
          .isInstanceOfSatisfying(
              LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT));
    }
  }
}
