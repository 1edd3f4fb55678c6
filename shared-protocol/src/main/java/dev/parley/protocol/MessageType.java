package dev.parley.protocol;

import static dev.parley.protocol.StringKind.DIGITS;
import static dev.parley.protocol.StringKind.E164;
import static dev.parley.protocol.StringKind.ID;
import static dev.parley.protocol.StringKind.INSTRUCTIONS;
import static dev.parley.protocol.StringKind.JSON;
import static dev.parley.protocol.StringKind.TEXT;
import static dev.parley.protocol.StringKind.TOKEN;
import static dev.parley.protocol.StringKind.URL;

/**
 * Every message type with its fixed type code, who sends it, whether it belongs to the connection
 * or to one call, and the shape of its body (bytes of fixed-size fields, kinds of string fields),
 * from which the decoder derives each type's smallest and largest legal body before reading it.
 */
public enum MessageType {
  HELLO(0x01, Sender.NODE, Scope.CONNECTION, 1 + 1 + 4, ID, URL),
  HELLO_ACK(0x02, Sender.CONTROL_PLANE, Scope.CONNECTION, 1 + 4),
  HEARTBEAT(0x03, Sender.BOTH, Scope.CONNECTION, 4 + 2),
  ERROR(0x04, Sender.BOTH, Scope.EITHER, 2, TEXT),

  SESSION_START(
      0x10,
      Sender.CONTROL_PLANE,
      Scope.CALL,
      1 + 1 + 2 + 2 + 4 + 4 + 2 + 1,
      ID,
      E164,
      E164,
      ID,
      ID,
      ID,
      ID,
      TOKEN,
      TEXT,
      INSTRUCTIONS),
  SESSION_READY(0x11, Sender.NODE, Scope.CALL, 4),
  SESSION_END(0x12, Sender.BOTH, Scope.CALL, 1, TEXT),
  CALL_STATS(0x13, Sender.NODE, Scope.CALL, 9 * 8),

  TRANSCRIPT(0x20, Sender.NODE, Scope.CALL, 4 + 1 + 4 + 4 + 4, TEXT),
  SPEECH_STARTED(0x21, Sender.NODE, Scope.CALL, 4),
  SPEECH_STOPPED(0x22, Sender.NODE, Scope.CALL, 4),
  BARGE_IN(0x23, Sender.NODE, Scope.CALL, 4 + 4 + 4),
  DTMF_RECEIVED(0x24, Sender.NODE, Scope.CALL, 1),
  UTTERANCE_PLAYED(0x25, Sender.NODE, Scope.CALL, 4 + 4 + 1),

  SPEAK(0x30, Sender.CONTROL_PLANE, Scope.CALL, 4 + 4 + 1 + 1, TEXT),
  CLEAR(0x31, Sender.CONTROL_PLANE, Scope.CALL, 0),
  SEND_DTMF(0x32, Sender.CONTROL_PLANE, Scope.CALL, 0, DIGITS),
  HANGUP(0x33, Sender.CONTROL_PLANE, Scope.CALL, 0, TEXT),

  TOOL_CALL(0x40, Sender.NODE, Scope.CALL, 0, ID, ID, JSON),
  TOOL_RESULT(0x41, Sender.CONTROL_PLANE, Scope.CALL, 0, ID, JSON);

  /** Which side of the connection sends a message type. */
  public enum Sender {
    NODE,
    CONTROL_PLANE,
    BOTH
  }

  /** Whether a message belongs to the connection (all-zero call id) or to one call. */
  public enum Scope {
    CONNECTION,
    CALL,
    /** ERROR: connection-level with an all-zero call id, call-level with the call's id. */
    EITHER
  }

  private static final MessageType[] BY_CODE = new MessageType[256];

  static {
    for (MessageType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;
  private final Sender sender;
  private final Scope scope;
  private final int fixedBodyBytes;
  private final StringKind[] strings;

  MessageType(int code, Sender sender, Scope scope, int fixedBodyBytes, StringKind... strings) {
    this.code = code;
    this.sender = sender;
    this.scope = scope;
    this.fixedBodyBytes = fixedBodyBytes;
    this.strings = strings;
  }

  /** The u8 type code on the wire. */
  public int code() {
    return code;
  }

  /** Which side sends this type. */
  public Sender sender() {
    return sender;
  }

  /** Whether this type belongs to the connection or to a call. */
  public Scope scope() {
    return scope;
  }

  /**
   * Whether the body layout of this type is frozen across all versions, so that it is readable
   * before a version is agreed (HELLO, HELLO_ACK, ERROR).
   */
  public boolean isHandshake() {
    return this == HELLO || this == HELLO_ACK || this == ERROR;
  }

  /** The smallest legal body: fixed fields plus an empty string for every string field. */
  public int minBodyLength() {
    return fixedBodyBytes + 2 * strings.length;
  }

  /** The largest legal body under {@code limits}: every string at its limit. */
  public int maxBodyLength(ProtocolLimits limits) {
    int max = fixedBodyBytes;
    for (StringKind s : strings) {
      max += 2 + limits.maxBytes(s);
    }
    return max;
  }

  /** The type for a wire code, or {@code null} if the code names no type. */
  public static MessageType fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
