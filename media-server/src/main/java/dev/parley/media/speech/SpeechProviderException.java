package dev.parley.media.speech;

/**
 * A speech provider failed or refused: one typed error with a short, specific reason, reported once
 * per stream through the stream's listener (or thrown when a call cannot be served at all).
 */
public final class SpeechProviderException extends RuntimeException {

  /** What went wrong, coarsely: what a caller (or an operator reading logs) acts on. */
  public enum Kind {
    /** The provider is not configured on this node (unknown name, no API key). */
    NOT_CONFIGURED,
    /** The provider rejected the credentials (HTTP 401/403 on the upgrade, an auth error). */
    UNAUTHORIZED,
    /** The WebSocket upgrade failed for another reason (HTTP status other than 101). */
    HANDSHAKE_FAILED,
    /** The TCP/TLS connection or the upgrade could not be completed in time. */
    CONNECT_FAILED,
    /** The provider reported an error (an error message or an error close code). */
    PROVIDER_ERROR,
    /** The connection ended without a close frame in the middle of a stream. */
    DROPPED,
    /** The provider sent something this client cannot read. */
    PROTOCOL
  }

  private final String provider;
  private final Kind kind;

  public SpeechProviderException(String provider, Kind kind, String reason) {
    this(provider, kind, reason, null);
  }

  public SpeechProviderException(String provider, Kind kind, String reason, Throwable cause) {
    super(provider + ": " + reason, cause);
    this.provider = provider;
    this.kind = kind;
  }

  /** The provider's name, e.g. {@code deepgram}. */
  public String provider() {
    return provider;
  }

  public Kind kind() {
    return kind;
  }
}
