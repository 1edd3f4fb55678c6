package dev.parley.agent.llm.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between attempts: exponential with full jitter (a random delay between zero and {@code
 * base * 2^retry}, capped), unless the provider said how long to wait.
 */
final class Backoff {

  private Backoff() {}

  /** The jittered delay before retry number {@code retry} (0 for the first retry). */
  static Duration jittered(HttpSettings s, int retry) {
    long cap = s.maxBackoff().toMillis();
    long ceiling = Math.min(cap, s.baseBackoff().toMillis() << Math.min(retry, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  /**
   * The wait the provider asked for: {@code retry-after-ms} (OpenAI), else {@code Retry-After} in
   * seconds or as an HTTP date (RFC 9110 section 10.2.3), else null.
   */
  static Duration retryAfter(HttpHeaders headers) {
    Optional<String> ms = headers.firstValue("retry-after-ms");
    if (ms.isPresent()) {
      try {
        return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.get().trim())));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    Optional<String> value = headers.firstValue("retry-after");
    if (value.isEmpty()) {
      return null;
    }
    String v = value.get().trim();
    try {
      return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(v) * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
