package dev.parley.emulator.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * SIMULATION ONLY: Twilio's outbound WebSocket text frames (RFC 6455 sections 5.2 and 5.3), built
 * in the message's own buffer: the JSON is written after {@link #HEADROOM} spare bytes, then the
 * frame header and mask key go in front of it and the payload is masked in place, so a message
 * costs one buffer and one write, with no frame object and no copy.
 *
 * <pre>
 *   | headroom (unused part) | 0x81 | MASK+len | [ext len] | mask key (4) | masked JSON |
 * </pre>
 */
final class ClientFrames {

  /** Largest header: 2 bytes, a 64-bit length, the 4-byte mask key. */
  static final int HEADROOM = 14;

  private ClientFrames() {}

  /** A pooled buffer for a message of about {@code capacity} bytes, with room for its header. */
  static ByteBuf messageBuffer(ByteBufAllocator alloc, int capacity) {
    ByteBuf buf = alloc.buffer(HEADROOM + capacity);
    buf.writerIndex(HEADROOM).readerIndex(HEADROOM);
    return buf;
  }

  /**
   * Makes the readable bytes of {@code buf} (from {@link #messageBuffer}) one final, masked text
   * frame, in place; returns {@code buf}, now readable from the frame's first byte.
   */
  static ByteBuf text(ByteBuf buf, int maskKey) {
    int len = buf.readableBytes();
    int payload = buf.readerIndex();
    int lengthBytes = len < 126 ? 0 : len <= 0xFFFF ? 2 : 8;
    int start = payload - 2 - lengthBytes - 4;
    if (start < 0) {
      throw new IllegalArgumentException("message buffer has no headroom for the frame header");
    }
    buf.setByte(start, 0x81); // FIN, text
    if (lengthBytes == 0) {
      buf.setByte(start + 1, 0x80 | len);
    } else if (lengthBytes == 2) {
      buf.setByte(start + 1, 0x80 | 126);
      buf.setShort(start + 2, len);
    } else {
      buf.setByte(start + 1, 0x80 | 127);
      buf.setLong(start + 2, len);
    }
    buf.setInt(payload - 4, maskKey);
    mask(buf, payload, len, maskKey);
    buf.readerIndex(start);
    return buf;
  }

  /** XORs {@code length} bytes at {@code index} with the key, eight bytes at a time. */
  static void mask(ByteBuf buf, int index, int length, int maskKey) {
    long key = ((long) maskKey << 32) | (maskKey & 0xFFFFFFFFL);
    int i = index;
    int end = index + length;
    for (; i + 8 <= end; i += 8) {
      buf.setLong(i, buf.getLong(i) ^ key);
    }
    for (int k = 0; i < end; i++, k++) {
      buf.setByte(i, buf.getByte(i) ^ (maskKey >>> (24 - 8 * (k & 3))));
    }
  }
}
