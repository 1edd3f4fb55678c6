package dev.parley.agent.llm.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open, successful streaming response: its events, and the deadline that cuts it when the call
 * runs too long. Close it when done (try-with-resources).
 */
public final class ModelStream implements AutoCloseable {

  private final InputStream body;
  private final SseReader events;
  private final AtomicBoolean timedOut;
  private final ScheduledFuture<?> deadline;

  ModelStream(
      InputStream body, int maxEventBytes, AtomicBoolean timedOut, ScheduledFuture<?> deadline) {
    this.body = body;
    this.events = new SseReader(body, maxEventBytes);
    this.timedOut = timedOut;
    this.deadline = deadline;
  }

  /**
   * The next event, or null at the end of the body.
   *
   * @throws LlmException TIMEOUT when the deadline cut the stream, TRANSPORT when the connection
   *     broke, PROTOCOL for an oversized event
   */
  public SseEvent next() throws LlmException {
    try {
      return events.next();
    } catch (IOException e) {
      if (timedOut.get()) {
        throw LlmException.of(LlmException.Kind.TIMEOUT, "model stream passed its deadline", e);
      }
      throw LlmException.of(
          LlmException.Kind.TRANSPORT, "model stream broke: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    deadline.cancel(false);
    try {
      body.close();
    } catch (IOException ignored) {
      // The response is finished with either way; nothing is left to release.
    }
  }
}
