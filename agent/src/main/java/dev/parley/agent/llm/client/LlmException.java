package dev.parley.agent.llm.client;

import java.time.Duration;

/**
 * A model call that failed: the provider refused it, the connection broke, the stream was cut or
 * malformed, or the call ran out of time. One typed error for every provider so the brains can
 * decide between a retry and the rule-based fallback.
 */
public final class LlmException extends Exception {

  /** What went wrong. */
  public enum Kind {
    /** The provider answered with an error status and body. */
    HTTP_STATUS,
    /** The provider reported an error inside an open stream. */
    STREAM_ERROR,
    /** The connection failed or broke before the stream was complete. */
    TRANSPORT,
    /** The stream ended early or carried something that is not the documented protocol. */
    PROTOCOL,
    /** The call took longer than its deadline. */
    TIMEOUT
  }

  private final Kind kind;
  private final int status;
  private final String providerType;
  private final Duration retryAfter;

  /**
   * @param kind what went wrong
   * @param status the HTTP status, or 0 when there was none
   * @param providerType the provider's error type ("rate_limit_error", "overloaded_error"), or null
   * @param retryAfter how long the provider asked callers to wait, or null
   * @param message a short, specific reason
   * @param cause the underlying error, or null
   */
  public LlmException(
      Kind kind,
      int status,
      String providerType,
      Duration retryAfter,
      String message,
      Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.providerType = providerType;
    this.retryAfter = retryAfter;
  }

  /** A failure without a status, e.g. a dropped connection or a malformed chunk. */
  public static LlmException of(Kind kind, String message, Throwable cause) {
    return new LlmException(kind, 0, null, null, message, cause);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0. */
  public int status() {
    return status;
  }

  /** The provider's error type, or null. */
  public String providerType() {
    return providerType;
  }

  /** How long the provider asked callers to wait, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** True for rate limits and server-side failures that a later attempt may get past. */
  public boolean retryable() {
    return (kind == Kind.HTTP_STATUS && (status == 429 || status >= 500))
        || (kind == Kind.TRANSPORT && status == 0);
  }
}
