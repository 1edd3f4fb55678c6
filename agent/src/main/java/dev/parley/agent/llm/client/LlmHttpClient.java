package dev.parley.agent.llm.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a JSON body to a model API and opens its streaming response, with the {@link HttpSettings}
 * timeouts and retries: 429 and 5xx answers and connections that fail before a response are retried
 * with jittered exponential backoff, or after the provider's Retry-After when it sent one. A stream
 * that is already flowing is never retried here: its text may have been spoken. Thread-safe; one
 * instance per provider configuration.
 */
public final class LlmHttpClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LlmHttpClient.class);

  /** Error bodies are read up to this size; providers send a few hundred bytes. */
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final HttpClient http;
  private final HttpSettings settings;
  private final Sleeper sleeper;
  private final ScheduledExecutorService deadlines;

  /** Creates a client with its own connection pool and a daemon thread for stream deadlines. */
  public LlmHttpClient(HttpSettings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    this.deadlines =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "llm-stream-deadline");
              t.setDaemon(true);
              return t;
            });
  }

  /** The settings this client runs with. */
  public HttpSettings settings() {
    return settings;
  }

  /**
   * Sends {@code body} and returns the open event stream of the first successful answer.
   *
   * @param uri where to POST
   * @param headers request headers besides Content-Type and Accept
   * @param body the JSON request
   * @param errors the provider's error-body reader
   * @throws LlmException the last failure once attempts are spent, or at once for errors a retry
   *     cannot fix
   */
  public ModelStream stream(URI uri, Map<String, String> headers, String body, ErrorDecoder errors)
      throws LlmException {
    long deadlineNanos = System.nanoTime() + settings.streamTimeout().toNanos();
    for (int attempt = 1; ; attempt++) {
      LlmException failure;
      try {
        HttpResponse<InputStream> response = send(uri, headers, body);
        int status = response.statusCode();
        if (status / 100 == 2) {
          return open(response.body(), deadlineNanos);
        }
        String text;
        try (InputStream in = response.body()) {
          text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        }
        failure = errors.decode(status, text, Backoff.retryAfter(response.headers()));
        if (!failure.retryable()) {
          throw failure;
        }
      } catch (HttpTimeoutException e) {
        throw LlmException.of(
            LlmException.Kind.TIMEOUT, "no response from " + uri.getHost() + " in time", e);
      } catch (ConnectException e) {
        failure =
            LlmException.of(
                LlmException.Kind.TRANSPORT,
                "cannot connect to " + uri.getHost() + ":" + uri.getPort(),
                e);
      } catch (IOException e) {
        // No response yet (a reset, a pooled connection the server had closed): nothing streamed,
        // so another attempt is safe.
        failure =
            LlmException.of(
                LlmException.Kind.TRANSPORT, "request to " + uri.getHost() + " failed: " + e, e);
      }
      if (attempt >= settings.maxAttempts()) {
        throw failure;
      }
      Duration wait = delay(failure, attempt);
      if (wait == null || System.nanoTime() + wait.toNanos() > deadlineNanos) {
        throw failure;
      }
      LOG.info(
          "model call to {} failed ({}), attempt {} of {}, retrying in {} ms",
          uri.getHost(),
          failure.getMessage(),
          attempt,
          settings.maxAttempts(),
          wait.toMillis());
      pause(wait);
    }
  }

  private HttpResponse<InputStream> send(URI uri, Map<String, String> headers, String body)
      throws IOException, LlmException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(settings.firstByteTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if ("http".equals(uri.getScheme())) {
      // Local servers speak plain HTTP/1.1; no h2c upgrade dance on every call.
      b.version(HttpClient.Version.HTTP_1_1);
    }
    headers.forEach(b::header);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LlmException.of(LlmException.Kind.TRANSPORT, "interrupted while calling model", e);
    }
  }

  /** The wait before the next attempt, or null when the provider asked for more than allowed. */
  private Duration delay(LlmException failure, int attempt) {
    Duration asked = failure.retryAfter();
    if (asked != null) {
      return asked.compareTo(settings.maxBackoff()) > 0 ? null : asked;
    }
    return Backoff.jittered(settings, attempt - 1);
  }

  private void pause(Duration wait) throws LlmException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LlmException.of(LlmException.Kind.TRANSPORT, "interrupted while backing off", e);
    }
  }

  private ModelStream open(InputStream body, long deadlineNanos) {
    AtomicBoolean timedOut = new AtomicBoolean();
    long left = Math.max(0, deadlineNanos - System.nanoTime());
    ScheduledFuture<?> cut =
        deadlines.schedule(
            () -> {
              timedOut.set(true);
              try {
                body.close();
              } catch (IOException ignored) {
                // Closing is how the reader is woken; a failure to close leaves nothing to do.
              }
            },
            left,
            TimeUnit.NANOSECONDS);
    return new ModelStream(body, settings.maxEventBytes(), timedOut, cut);
  }

  @Override
  public void close() {
    deadlines.shutdownNow();
  }
}
