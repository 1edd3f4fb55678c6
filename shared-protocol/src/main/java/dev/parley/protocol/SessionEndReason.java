package dev.parley.protocol;

/** Why a call session ended, carried by SESSION_END as a u8. */
public enum SessionEndReason {
  /** The agent finished and hung up (after a HANGUP). */
  COMPLETED(1),
  /** The other party hung up. */
  REMOTE_HANGUP(2),
  /** Twilio closed the media stream without a hang-up we know of. */
  STREAM_CLOSED(3),
  /** The media stream never connected within the node's timeout. */
  NO_STREAM(4),
  /** The node failed to serve the call (speech provider, internal error). */
  MEDIA_ERROR(5),
  /** The control plane cancelled the session. */
  CANCELLED(6),
  /** The node is shutting down. */
  NODE_SHUTDOWN(7);

  private static final SessionEndReason[] BY_CODE = new SessionEndReason[8];

  static {
    for (SessionEndReason r : values()) {
      BY_CODE[r.code] = r;
    }
  }

  private final int code;

  SessionEndReason(int code) {
    this.code = code;
  }

  /** The u8 code on the wire. */
  public int code() {
    return code;
  }

  /** The reason for a wire code, or {@code null}. */
  public static SessionEndReason fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
