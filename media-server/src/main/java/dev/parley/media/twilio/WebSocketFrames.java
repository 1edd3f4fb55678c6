package dev.parley.media.twilio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;

/**
 * The RFC 6455 frame layout (section 5.2) as the Twilio stream uses it, and the server's control
 * frames (close, pong) built as complete frames in one pooled buffer. Data frames are built by
 * {@link OutboundFrameBuilder}; client frames are read by {@link WebSocketDecoder}.
 *
 * <pre>
 *   byte 0                byte 1                 bytes 2..                    then
 *  +-+-+-+-+-------+    +-+-------------+    +---------------------------+  +----------+---------+
 *  |F|R|R|R| opcode|    |M| length (7)  |    | 126: u16 length           |  | mask key | payload |
 *  |I|S|S|S| 4 bits|    |A| 0..125      |    | 127: u64 length (MSB 0)   |  | 4 bytes, | (masked |
 *  |N|V|V|V|       |    |S| 126, 127    |    | minimal encoding required |  | client   | if MASK)|
 *  | |1|2|3|       |    |K|             |    |                           |  | only     |         |
 *  +-+-+-+-+-------+    +-+-------------+    +---------------------------+  +----------+---------+
 * </pre>
 */
public final class WebSocketFrames {

  static final int OP_CONTINUATION = 0x0;
  static final int OP_TEXT = 0x1;
  static final int OP_BINARY = 0x2;
  static final int OP_CLOSE = 0x8;
  static final int OP_PING = 0x9;
  static final int OP_PONG = 0xA;

  static final int FIN = 0x80;
  static final int RSV_BITS = 0x70;
  static final int MASK = 0x80;

  /** Largest control-frame payload (section 5.5). */
  static final int MAX_CONTROL_PAYLOAD = 125;

  /** A close frame's reason fits in the control payload after the 2-byte status code. */
  static final int MAX_CLOSE_REASON_BYTES = MAX_CONTROL_PAYLOAD - 2;

  /** Status a close frame without a body stands for; never sent on the wire (section 7.4.1). */
  static final int NO_STATUS = 1005;

  private WebSocketFrames() {}

  /**
   * A close frame with {@code status} and {@code reason} (cut to 123 UTF-8 bytes at a character
   * boundary). The caller owns the buffer.
   */
  public static ByteBuf close(ByteBufAllocator alloc, WebSocketCloseStatus status, String reason) {
    return close(alloc, status.code(), reason);
  }

  /** A close frame; {@code status} {@link #NO_STATUS} sends an empty body. */
  static ByteBuf close(ByteBufAllocator alloc, int status, String reason) {
    if (status == NO_STATUS) {
      ByteBuf buf = alloc.buffer(2);
      buf.writeByte(FIN | OP_CLOSE).writeByte(0);
      return buf;
    }
    byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(text.length, MAX_CLOSE_REASON_BYTES);
    // Do not cut a multi-byte character: step back over continuation bytes (10xxxxxx).
    while (n < text.length && n > 0 && (text[n] & 0xC0) == 0x80) {
      n--;
    }
    ByteBuf buf = alloc.buffer(4 + n);
    buf.writeByte(FIN | OP_CLOSE).writeByte(2 + n).writeShort(status).writeBytes(text, 0, n);
    return buf;
  }

  /** A pong echoing {@code length} (at most 125) bytes of {@code src} from {@code index}. */
  static ByteBuf pong(ByteBufAllocator alloc, ByteBuf src, int index, int length) {
    ByteBuf buf = alloc.buffer(2 + length);
    buf.writeByte(FIN | OP_PONG).writeByte(length).writeBytes(src, index, length);
    return buf;
  }

  /** Whether {@code code} may appear in a received close frame (section 7.4). */
  static boolean validReceivedStatus(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }
}
