package dev.parley.media.speech.fake;

import dev.parley.media.speech.SpeechMetrics;
import dev.parley.media.speech.socket.ProviderConnector;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a speech provider adapter's test sets up: the connector the adapter dials with, the metrics
 * it reports to, and a fake of the provider's WebSocket service; all closed after each test.
 * Registered on an instance field with {@code @RegisterExtension}, so each test gets its own.
 */
public final class ProviderTestBed implements AfterEachCallback {
  private final ProviderConnector connector = ProviderConnector.defaults();
  private final SpeechMetrics metrics = new SpeechMetrics();
  private FakeProviderServer server;

  /** Starts the fake provider behaving as {@code behaviour}; the test's one server. */
  public FakeProviderServer serve(FakeProviderServer.Behaviour behaviour)
      throws InterruptedException {
    if (server != null) {
      throw new IllegalStateException("the fake provider is already running");
    }
    server = new FakeProviderServer(behaviour);
    return server;
  }

  /** The fake provider {@link #serve} started. */
  public FakeProviderServer server() {
    if (server == null) {
      throw new IllegalStateException("no fake provider: call serve(...) first");
    }
    return server;
  }

  public ProviderConnector connector() {
    return connector;
  }

  public SpeechMetrics metrics() {
    return metrics;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    connector.close();
    if (server != null) {
      server.close();
    }
  }
}
