package dev.parley.media.speech.socket;

import dev.parley.media.speech.SpeechProviderException;

/**
 * How a provider socket ended.
 *
 * @param kind what happened
 * @param closeCode the provider's close code ({@link Kind#CLOSED}), else -1
 * @param reason the close reason, the HTTP error detail, or a description
 * @param httpStatus the upgrade's HTTP status ({@link Kind#REJECTED}), else 0
 * @param byUs true when our close (or abort) came first
 * @param cause the underlying exception, or null
 */
public record Termination(
    Kind kind, int closeCode, String reason, int httpStatus, boolean byUs, Throwable cause) {

  /** The ways a socket ends. */
  public enum Kind {
    /** TCP, TLS or the upgrade did not complete (refused, timed out). */
    CONNECT_FAILED,
    /** The provider answered the upgrade with an HTTP error status. */
    REJECTED,
    /** A close frame was exchanged. */
    CLOSED,
    /** The connection ended without a close frame. */
    DROPPED
  }

  static Termination connectFailed(String reason, Throwable cause) {
    return connectFailed(reason, cause, false);
  }

  static Termination connectFailed(String reason, Throwable cause, boolean byUs) {
    return new Termination(
        Kind.CONNECT_FAILED,
        -1,
        cause == null ? reason : reason + ": " + cause.getMessage(),
        0,
        byUs,
        cause);
  }

  static Termination rejected(int status, String detail) {
    return new Termination(Kind.REJECTED, -1, detail, status, false, null);
  }

  static Termination closed(int code, String reason, boolean byUs) {
    return new Termination(Kind.CLOSED, code, reason, 0, byUs, null);
  }

  static Termination dropped(boolean byUs) {
    return new Termination(
        Kind.DROPPED, -1, "connection lost without a close frame", 0, byUs, null);
  }

  /**
   * The error a stream reports when its socket ends this way before the stream was done: an upgrade
   * refused with 401/403 is {@code UNAUTHORIZED}, a close frame is the provider's error (its code
   * and reason say which: Deepgram's 1011 NET-0001, ElevenLabs' 1008 with a reason).
   */
  public SpeechProviderException toException(String provider) {
    return switch (kind) {
      case REJECTED ->
          new SpeechProviderException(
              provider,
              httpStatus == 401 || httpStatus == 403
                  ? SpeechProviderException.Kind.UNAUTHORIZED
                  : SpeechProviderException.Kind.HANDSHAKE_FAILED,
              toString());
      case CONNECT_FAILED ->
          new SpeechProviderException(
              provider, SpeechProviderException.Kind.CONNECT_FAILED, toString(), cause);
      case CLOSED ->
          new SpeechProviderException(
              provider,
              SpeechProviderException.Kind.PROVIDER_ERROR,
              "stream closed by the provider: " + this);
      case DROPPED ->
          new SpeechProviderException(provider, SpeechProviderException.Kind.DROPPED, toString());
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case CONNECT_FAILED -> "connect failed: " + reason;
      case REJECTED ->
          "upgrade rejected with HTTP " + httpStatus + (reason.isEmpty() ? "" : ": " + reason);
      case CLOSED -> "closed " + closeCode + (reason.isEmpty() ? "" : " " + reason);
      case DROPPED -> reason;
    };
  }
}
