package dev.parley.protocol;

import java.util.Objects;

/**
 * The one exception the codec throws: a protocol violation with a typed {@link ErrorCode} and a
 * short, specific reason ("SPEAK text is 5000 bytes, limit 4096"). The receiver of malformed input
 * answers with {@link #toErrorMessage()} and, for connection errors, closes the connection.
 */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** Creates an exception for {@code code} with a short human-readable reason. */
  public ProtocolException(ErrorCode code, String reason) {
    super(reason);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The typed error code. */
  public ErrorCode code() {
    return code;
  }

  /** The short reason, also the exception message. */
  public String reason() {
    return getMessage();
  }

  /**
   * The connection-level ERROR message to send the peer before closing; the reason is cut to fit
   * the default text limit.
   */
  public ErrorMessage toErrorMessage() {
    String reason = getMessage() == null ? "" : getMessage();
    // Reasons are short ASCII; a cut at 256 chars keeps any reason far below the text limit.
    if (reason.length() > 256) {
      reason = reason.substring(0, 256);
    }
    return new ErrorMessage(ProtocolMessage.NO_CALL, code, reason);
  }

  @Override
  public String toString() {
    return "ProtocolException[" + code + ": " + getMessage() + "]";
  }
}
