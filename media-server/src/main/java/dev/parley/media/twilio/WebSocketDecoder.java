package dev.parley.media.twilio;

import static dev.parley.media.twilio.WebSocketFrames.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.internal.PlatformDependent;
import java.nio.charset.StandardCharsets;

/**
 * Server-side RFC 6455 frame decoder for the Twilio stream, called straight from the channel's
 * read: no frame objects, no aggregator, no extension handlers. Layout in {@link WebSocketFrames}.
 *
 * <p>Per frame it allocates nothing: a frame that arrived whole is unmasked in place in the read
 * buffer (eight bytes at a time) and handed to the {@link Listener} as that buffer with its indexes
 * narrowed to the payload. Only a frame split across reads is copied, into a pooled {@code partial}
 * buffer, and only a fragmented message into a pooled {@code message} buffer.
 *
 * <p>States: reading frames (with or without a partial frame held, with or without a fragmented
 * message open), and failed. A protocol violation throws one {@link WebSocketProtocolException}
 * with the close status to send (1002, 1007 or 1009); the decoder is then failed and discards all
 * further input. Client frames must be masked, reserved bits clear (no extensions are negotiated),
 * control frames final and at most 125 bytes, lengths minimally encoded, text valid UTF-8, and a
 * message at most {@code maxMessageBytes}, checked from the header before anything is buffered.
 *
 * <p>One instance per connection, on its event loop. {@link #release()} frees what it holds.
 */
public final class WebSocketDecoder {

  /** What the decoder hands on. Buffers are valid during the call only: do not keep or release. */
  public interface Listener {
    /** A whole text message: the readable bytes of {@code message}. */
    void onText(ByteBuf message);

    /** A whole binary message of {@code length} bytes (Twilio never sends one). */
    void onBinary(int length);

    /** A ping; its payload is the readable bytes of {@code payload}. */
    void onPing(ByteBuf payload);

    /** A close frame; {@code status} is 1005 when it carried none. */
    void onClose(int status, String reason);
  }

  private static final long HIGH_BITS = 0x8080808080808080L;

  private final int maxMessageBytes;

  /** Bytes of a frame that has not fully arrived, or null. */
  private ByteBuf partial;

  /** The fragments so far of a fragmented message, or null. */
  private ByteBuf message;

  /** The opcode of the open fragmented message, or -1 when none is open. */
  private int messageOpcode = -1;

  private boolean failed;

  public WebSocketDecoder(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * Decodes every whole frame in {@code in}, calling {@code listener} for each message and control
   * frame, and keeps what is left of an incomplete frame. Takes ownership of {@code in} (released
   * here, whatever happens).
   */
  public void decode(ByteBufAllocator alloc, ByteBuf in, Listener listener)
      throws WebSocketProtocolException {
    if (failed) {
      in.release();
      return;
    }
    ByteBuf buf = in;
    try {
      if (partial != null) {
        partial.writeBytes(in);
        in.release();
        in = null;
        buf = partial;
      }
      while (decodeFrame(alloc, buf, listener)) {
        // one frame per pass
      }
      if (buf == in) {
        if (in.isReadable()) {
          partial = alloc.buffer(Math.max(in.readableBytes(), 256));
          partial.writeBytes(in);
        }
      } else if (!partial.isReadable()) {
        partial.release();
        partial = null;
      } else {
        partial.discardReadBytes();
      }
    } catch (WebSocketProtocolException e) {
      failed = true;
      release();
      throw e;
    } finally {
      if (in != null) {
        in.release();
      }
    }
  }

  /** Frees the partial frame and message buffers; call when the connection goes. */
  public void release() {
    if (partial != null) {
      partial.release();
      partial = null;
    }
    if (message != null) {
      message.release();
      message = null;
    }
    messageOpcode = -1;
  }

  /** Decodes one frame from {@code buf} if it has all of it; false if it needs more bytes. */
  private boolean decodeFrame(ByteBufAllocator alloc, ByteBuf buf, Listener listener)
      throws WebSocketProtocolException {
    int start = buf.readerIndex();
    int available = buf.writerIndex() - start;
    if (available < 2) {
      return false;
    }
    int b0 = buf.getUnsignedByte(start);
    int b1 = buf.getUnsignedByte(start + 1);
    int opcode = b0 & 0x0F;
    boolean fin = (b0 & FIN) != 0;
    if ((b0 & RSV_BITS) != 0) {
      throw protocolError("reserved bits " + ((b0 & RSV_BITS) >> 4) + " set, no extension agreed");
    }
    if ((b1 & MASK) == 0) {
      throw protocolError("client frame is not masked");
    }
    int header;
    long length = b1 & 0x7F;
    if (length == 126) {
      if (available < 4) {
        return false;
      }
      length = buf.getUnsignedShort(start + 2);
      if (length < 126) {
        throw protocolError("16-bit length " + length + " is not minimally encoded");
      }
      header = 8;
    } else if (length == 127) {
      if (available < 10) {
        return false;
      }
      length = buf.getLong(start + 2);
      if (length < 0) {
        throw protocolError("64-bit length has its most significant bit set");
      }
      if (length <= 0xFFFF) {
        throw protocolError("64-bit length " + length + " is not minimally encoded");
      }
      header = 14;
    } else {
      header = 6;
    }
    checkOpcode(opcode, fin, length);
    if (available < header + length) {
      return false;
    }
    int len = (int) length;
    int payload = start + header;
    boolean ascii = unmask(buf, payload, len, buf.getInt(payload - 4));
    buf.readerIndex(payload + len);
    switch (opcode) {
      case OP_TEXT, OP_BINARY -> {
        if (fin) {
          deliver(buf, payload, len, opcode, ascii, listener);
        } else {
          message = alloc.buffer(Math.max(len, 256), maxMessageBytes);
          message.writeBytes(buf, payload, len);
          messageOpcode = opcode;
        }
      }
      case OP_CONTINUATION -> {
        message.writeBytes(buf, payload, len);
        if (fin) {
          ByteBuf m = message;
          int op = messageOpcode;
          message = null;
          messageOpcode = -1;
          try {
            deliver(m, m.readerIndex(), m.readableBytes(), op, false, listener);
          } finally {
            m.release();
          }
        }
      }
      case OP_CLOSE -> onClose(buf, payload, len, listener);
      case OP_PING -> window(buf, payload, len, listener, OP_PING);
      default -> {
        // OP_PONG: an answer to a ping we never send; nothing to do.
      }
    }
    return true;
  }

  /** Header rules that do not need the payload: opcode, fragmentation, control and size limits. */
  private void checkOpcode(int opcode, boolean fin, long length) throws WebSocketProtocolException {
    switch (opcode) {
      case OP_TEXT, OP_BINARY -> {
        if (messageOpcode >= 0) {
          throw protocolError("new data frame inside a fragmented message");
        }
        if (length > maxMessageBytes) {
          throw tooBig(length);
        }
      }
      case OP_CONTINUATION -> {
        if (messageOpcode < 0) {
          throw protocolError("continuation frame without a fragmented message");
        }
        if (message.readableBytes() + length > maxMessageBytes) {
          throw tooBig(message.readableBytes() + length);
        }
      }
      case OP_CLOSE, OP_PING, OP_PONG -> {
        if (!fin) {
          throw protocolError("fragmented control frame");
        }
        if (length > MAX_CONTROL_PAYLOAD) {
          throw protocolError("control frame payload is " + length + " bytes, limit 125");
        }
      }
      default -> throw protocolError("reserved opcode " + opcode);
    }
  }

  private void deliver(
      ByteBuf buf, int index, int length, int opcode, boolean ascii, Listener listener)
      throws WebSocketProtocolException {
    if (opcode == OP_BINARY) {
      listener.onBinary(length);
      return;
    }
    if (!ascii && !ByteBufUtil.isText(buf, index, length, StandardCharsets.UTF_8)) {
      throw new WebSocketProtocolException(
          WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "text message is not valid UTF-8");
    }
    window(buf, index, length, listener, OP_TEXT);
  }

  /**
   * Hands {@code buf} narrowed to {@code [index, index + length)} to the listener and restores its
   * indexes afterwards, so no slice object is made per frame.
   */
  private static void window(ByteBuf buf, int index, int length, Listener listener, int opcode) {
    int reader = buf.readerIndex();
    int writer = buf.writerIndex();
    buf.setIndex(index, index + length);
    try {
      if (opcode == OP_TEXT) {
        listener.onText(buf);
      } else {
        listener.onPing(buf);
      }
    } finally {
      buf.setIndex(reader, writer);
    }
  }

  private static void onClose(ByteBuf buf, int index, int length, Listener listener)
      throws WebSocketProtocolException {
    if (length == 0) {
      listener.onClose(NO_STATUS, "");
      return;
    }
    if (length == 1) {
      throw protocolError("close frame body of 1 byte");
    }
    int status = buf.getUnsignedShort(index);
    if (!validReceivedStatus(status)) {
      throw protocolError("close status " + status + " may not be sent");
    }
    if (!ByteBufUtil.isText(buf, index + 2, length - 2, StandardCharsets.UTF_8)) {
      throw new WebSocketProtocolException(
          WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "close reason is not valid UTF-8");
    }
    listener.onClose(status, buf.toString(index + 2, length - 2, StandardCharsets.UTF_8));
  }

  /**
   * Unmasks {@code length} bytes at {@code index} in place (section 5.3), eight at a time; returns
   * whether every byte is ASCII, so most text skips the UTF-8 check.
   */
  static boolean unmask(ByteBuf buf, int index, int length, int maskKey) {
    if (buf.hasMemoryAddress() && PlatformDependent.isUnaligned()) {
      if (index < 0 || length < 0 || index + length > buf.capacity()) {
        throw new IndexOutOfBoundsException("unmask " + index + "+" + length + " of " + buf);
      }
      return unmask(buf.memoryAddress() + index, length, maskKey);
    }
    long mask = ((long) maskKey << 32) | (maskKey & 0xFFFFFFFFL);
    long seen = 0;
    int i = index;
    int end = index + length;
    for (; i + 8 <= end; i += 8) {
      long v = buf.getLong(i) ^ mask;
      buf.setLong(i, v);
      seen |= v;
    }
    // The long loop ends on a multiple of 8 from index, so the key's byte phase restarts at 0.
    for (int k = 0; i < end; i++, k++) {
      int v = buf.getByte(i) ^ (maskKey >>> (24 - 8 * (k & 3)));
      buf.setByte(i, v);
      seen |= v & 0xFF;
    }
    return (seen & HIGH_BITS) == 0;
  }

  /**
   * The same over native memory (the event loop's direct read buffers), without a bounds check per
   * word: the caller checked the range once.
   */
  private static boolean unmask(long address, int length, int maskKey) {
    // Memory order: the key's first byte is the lowest byte of a native (little or big endian)
    // word.
    int keyInMemory =
        PlatformDependent.BIG_ENDIAN_NATIVE_ORDER ? maskKey : Integer.reverseBytes(maskKey);
    long mask = ((long) keyInMemory << 32) | (keyInMemory & 0xFFFFFFFFL);
    long seen = 0;
    long a = address;
    long end = address + length;
    for (; a + 8 <= end; a += 8) {
      long v = PlatformDependent.getLong(a) ^ mask;
      PlatformDependent.putLong(a, v);
      seen |= v;
    }
    for (int k = 0; a < end; a++, k++) {
      int v = PlatformDependent.getByte(a) ^ (maskKey >>> (24 - 8 * (k & 3)));
      PlatformDependent.putByte(a, (byte) v);
      seen |= v & 0xFF;
    }
    return (seen & HIGH_BITS) == 0;
  }

  private static WebSocketProtocolException protocolError(String reason) {
    return new WebSocketProtocolException(WebSocketCloseStatus.PROTOCOL_ERROR, reason);
  }

  private WebSocketProtocolException tooBig(long length) {
    return new WebSocketProtocolException(
        WebSocketCloseStatus.MESSAGE_TOO_BIG,
        "message is " + length + " bytes, limit " + maxMessageBytes);
  }
}
