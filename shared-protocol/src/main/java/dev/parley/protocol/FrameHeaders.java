package dev.parley.protocol;

import io.netty.buffer.ByteBuf;
import java.util.UUID;

/**
 * The envelope rules every frame passes before its body is read: a length prefix within [header,
 * {@link ProtocolLimits#maxFrameLength()}], a supported version, a known type, no reserved flags, a
 * body within the type's bounds, and a call id exactly when the type is call-scoped. Shared by
 * {@link ProtocolReader} (whole frames) and {@link ProtocolDecoder} (which checks the prefix and
 * the header as soon as their bytes are in, before buffering the rest). Immutable once built.
 */
final class FrameHeaders {
  private final ProtocolLimits limits;
  private final int[] maxBodyByCode = new int[256];

  /** The header rules under {@code limits}. */
  FrameHeaders(ProtocolLimits limits) {
    this.limits = limits;
    for (MessageType t : MessageType.values()) {
      maxBodyByCode[t.code()] = t.maxBodyLength(limits);
    }
  }

  /** Rejects a length prefix outside [header, maxFrameLength]. */
  void checkFrameLength(long frameLength) {
    if (frameLength > limits.maxFrameLength()) {
      throw new ProtocolException(
          ErrorCode.FRAME_TOO_LARGE,
          "length prefix " + frameLength + " exceeds the limit " + limits.maxFrameLength());
    }
    if (frameLength < FrameLayout.HEADER_LENGTH) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          "length prefix "
              + frameLength
              + " is shorter than the "
              + FrameLayout.HEADER_LENGTH
              + "-byte header");
    }
  }

  /**
   * Checks version, type, flags and the type's body bounds from the first {@link
   * FrameLayout#PEEK_LENGTH} bytes after the prefix, before the body is read or buffered.
   */
  MessageType checkHeader(ByteBuf buf, int offset, int frameLength) {
    int version = buf.getUnsignedByte(offset + FrameLayout.VERSION_OFFSET);
    int code = buf.getUnsignedByte(offset + FrameLayout.TYPE_OFFSET);
    MessageType t = MessageType.fromCode(code);
    if (version == 0 || (t == null && !ProtocolVersion.isSupported(version))) {
      throw new ProtocolException(
          ErrorCode.UNSUPPORTED_VERSION, "frame version " + version + " is not supported");
    }
    if (t == null) {
      throw new ProtocolException(
          ErrorCode.UNKNOWN_MESSAGE_TYPE, "message type 0x" + Integer.toHexString(code));
    }
    if (!t.isHandshake() && !ProtocolVersion.isSupported(version)) {
      throw new ProtocolException(
          ErrorCode.UNSUPPORTED_VERSION, t + " frame version " + version + " is not supported");
    }
    int flags = buf.getUnsignedShort(offset + FrameLayout.FLAGS_OFFSET);
    if (flags != 0) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, t + " has reserved flags 0x" + Integer.toHexString(flags));
    }
    int body = frameLength - FrameLayout.HEADER_LENGTH;
    if (body < t.minBodyLength()) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          t + " body is " + body + " bytes, shorter than its minimum " + t.minBodyLength());
    }
    if (body > maxBodyByCode[code]) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          t + " body is " + body + " bytes, longer than its maximum " + maxBodyByCode[code]);
    }
    return t;
  }

  /**
   * The call id at {@code index}: {@link ProtocolMessage#NO_CALL} for a connection-level type,
   * which must carry none; a call-scoped type must carry one.
   */
  static UUID callId(ByteBuf buf, int index, MessageType t) {
    long msb = buf.getLong(index);
    long lsb = buf.getLong(index + 8);
    boolean none = msb == 0 && lsb == 0;
    if (t.scope() == MessageType.Scope.CONNECTION && !none) {
      throw new ProtocolException(
          ErrorCode.INVALID_CALL_ID, t + " is connection-level but carries a call id");
    }
    if (t.scope() == MessageType.Scope.CALL && none) {
      throw new ProtocolException(ErrorCode.INVALID_CALL_ID, t + " carries no call id");
    }
    return none ? ProtocolMessage.NO_CALL : new UUID(msb, lsb);
  }
}
