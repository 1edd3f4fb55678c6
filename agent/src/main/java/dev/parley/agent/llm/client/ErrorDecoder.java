package dev.parley.agent.llm.client;

import java.time.Duration;

/** Turns a provider's error status and body into a typed {@link LlmException}. */
@FunctionalInterface
public interface ErrorDecoder {

  /**
   * @param status the HTTP status
   * @param body the response body as text (possibly empty or not JSON)
   * @param retryAfter the wait the provider asked for in its headers, or null
   */
  LlmException decode(int status, String body, Duration retryAfter);
}
