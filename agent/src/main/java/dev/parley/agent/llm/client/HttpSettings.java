package dev.parley.agent.llm.client;

import java.time.Duration;

/**
 * Timeouts and retry rules shared by every provider client.
 *
 * @param connectTimeout how long opening a connection may take
 * @param firstByteTimeout how long the provider may take to send response headers
 * @param streamTimeout how long one whole call may take, stream included; a stalled stream is cut
 * @param maxAttempts attempts per call, the first included (429 and 5xx are retried)
 * @param baseBackoff the first retry's delay before jitter; doubles per attempt
 * @param maxBackoff the longest delay between attempts; a Retry-After longer than this is not
 *     waited for and the call fails at once (a phone call cannot wait minutes)
 * @param maxEventBytes the largest SSE event accepted; longer ones are a protocol error
 */
public record HttpSettings(
    Duration connectTimeout,
    Duration firstByteTimeout,
    Duration streamTimeout,
    int maxAttempts,
    Duration baseBackoff,
    Duration maxBackoff,
    int maxEventBytes) {

  /** Compact canonical constructor: checks the limits. */
  public HttpSettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (maxEventBytes < 1024) {
      throw new IllegalArgumentException("maxEventBytes must be at least 1024");
    }
  }

  /**
   * Defaults for live calls: 5 s to connect, 20 s to the first byte, 60 s per call, 3 attempts
   * starting at 500 ms backoff, at most 8 s between attempts, events up to 1 MiB.
   */
  public static HttpSettings defaults() {
    return new HttpSettings(
        Duration.ofSeconds(5),
        Duration.ofSeconds(20),
        Duration.ofSeconds(60),
        3,
        Duration.ofMillis(500),
        Duration.ofSeconds(8),
        1 << 20);
  }
}
