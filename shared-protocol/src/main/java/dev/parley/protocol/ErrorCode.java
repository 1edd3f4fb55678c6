package dev.parley.protocol;

/**
 * The error codes carried by {@link ErrorMessage} and {@link ProtocolException}. Codes below 100
 * are connection errors: the side that detects one sends ERROR and closes the connection. Codes
 * from 100 are call errors: they concern one call, carry its call id, and leave the connection
 * open.
 */
public enum ErrorCode {
  /** The frame's version byte is not one this side speaks, or HELLO found no common version. */
  UNSUPPORTED_VERSION(1),
  /**
   * The frame's structure is wrong: length too small or too large for the type, truncated or
   * trailing bytes, reserved flags set.
   */
  MALFORMED_FRAME(2),
  /** The length prefix exceeds {@link ProtocolLimits#maxFrameLength()}. */
  FRAME_TOO_LARGE(3),
  /** The type byte names no message of this version. */
  UNKNOWN_MESSAGE_TYPE(4),
  /**
   * A field holds a value the spec forbids: a bad enum code or boolean, invalid UTF-8, a value out
   * of range.
   */
  INVALID_FIELD(5),
  /** A string field is longer than its limit. */
  FIELD_TOO_LONG(6),
  /** A connection-level message carries a call id, or a call-level message carries none. */
  INVALID_CALL_ID(7),
  /**
   * A well-formed message that is not allowed now: anything before the handshake, a second HELLO, a
   * wrong direction.
   */
  UNEXPECTED_MESSAGE(8),
  /** No HEARTBEAT arrived within the agreed timeout. */
  HEARTBEAT_TIMEOUT(9),
  /**
   * The sender failed in a way that is not the peer's fault and cannot go on with this connection.
   */
  INTERNAL_ERROR(10),
  /** The message names a call this side does not know (already ended, or never started). */
  UNKNOWN_CALL(100),
  /** SESSION_START names a call that already has a session on this node. */
  DUPLICATE_CALL(101),
  /** The node is at capacity and refuses SESSION_START. */
  CAPACITY_EXCEEDED(102),
  /**
   * The call could not be served (a speech provider failed, the media stream never arrived, ...).
   */
  CALL_FAILED(103);

  private static final ErrorCode[] BY_CODE = new ErrorCode[256];

  static {
    for (ErrorCode c : values()) {
      BY_CODE[c.code] = c;
    }
  }

  private final int code;

  ErrorCode(int code) {
    this.code = code;
  }

  /** The u16 code on the wire. */
  public int code() {
    return code;
  }

  /** Whether the side that sends or detects this error closes the connection afterwards. */
  public boolean closesConnection() {
    return code < 100;
  }

  /** The error code for a wire code, or {@code null} if the code is not defined. */
  public static ErrorCode fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
