package dev.parley.media.realtime;

/**
 * A server event that breaks the Realtime protocol as this client reads it (not JSON, no type, a
 * required field missing or of the wrong kind, audio that is not base64, an event over the size
 * limit). One per violation, with a short specific reason; the call ends with it.
 */
public final class RealtimeProtocolException extends RuntimeException {

  public RealtimeProtocolException(String reason) {
    super(reason);
  }

  public RealtimeProtocolException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
