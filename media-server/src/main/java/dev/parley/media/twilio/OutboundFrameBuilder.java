package dev.parley.media.twilio;

import static dev.parley.media.twilio.TwilioFrameLayout.ascii;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Builds our outbound Twilio frames ({@code media}, {@code mark}, {@code clear}) as complete,
 * unmasked WebSocket text frames in one pooled buffer each, so they go to the socket as they are
 * (Netty's WebSocket encoder passes plain buffers through untouched).
 *
 * <pre>
 *   +------+--------+-----------+-------------------------------------------+
 *   | 0x81 | 126    | len (u16) | {"event":"media","streamSid":"MZ..","media":{"payload":" ... "}}
 *   | FIN  | 16-bit | big end.  |  precomputed prefix  | base64, encoded in place | suffix
 *   | text | length |           |                                           |
 *   +------+--------+-----------+-------------------------------------------+
 * </pre>
 *
 * <p>Per frame it allocates nothing on the heap: the prefix is built once per stream, the payload
 * is base64-encoded into a reused array ({@link PayloadBase64}) and the buffer comes from the
 * pooled allocator. The caller owns the returned buffer (writing it to the channel hands it on).
 * One instance per stream, used on the call's event loop only.
 */
public final class OutboundFrameBuilder {

  private static final byte[] MEDIA_SUFFIX = ascii("\"}}");
  private static final byte[] MARK_SUFFIX = ascii("\"}}");

  private final byte[] mediaPrefix;
  private final byte[] markPrefix;
  private final byte[] clearJson;
  private final byte[] scratch;
  private final PayloadBase64 base64;

  /**
   * @param streamSid Twilio's stream SID, already checked to need no JSON escaping
   * @param maxPayloadBytes largest μ-law payload one media frame will carry
   */
  public OutboundFrameBuilder(String streamSid, int maxPayloadBytes) {
    this(streamSid, maxPayloadBytes, PayloadBase64.defaultEngine());
  }

  /** A builder encoding payloads with {@code engine} (tests cover both). */
  OutboundFrameBuilder(String streamSid, int maxPayloadBytes, PayloadBase64.Engine engine) {
    this.mediaPrefix =
        ascii("{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{\"payload\":\"");
    this.markPrefix =
        ascii("{\"event\":\"mark\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":\"");
    this.clearJson = ascii("{\"event\":\"clear\",\"streamSid\":\"" + streamSid + "\"}");
    this.scratch = new byte[Math.max(Base64Codec.encodedLength(maxPayloadBytes), 20)];
    this.base64 = new PayloadBase64(engine);
  }

  /** A media frame carrying {@code len} μ-law bytes from {@code mulaw} at {@code off}. */
  public ByteBuf media(ByteBufAllocator alloc, byte[] mulaw, int off, int len) {
    int b64 = base64.encode(mulaw, off, len, scratch);
    int json = mediaPrefix.length + b64 + MEDIA_SUFFIX.length;
    ByteBuf buf = alloc.buffer(headerLength(json) + json);
    writeHeader(buf, json);
    buf.writeBytes(mediaPrefix);
    buf.writeBytes(scratch, 0, b64);
    buf.writeBytes(MEDIA_SUFFIX);
    return buf;
  }

  /** A mark frame named with the decimal form of {@code number}. */
  public ByteBuf mark(ByteBufAllocator alloc, long number) {
    int digits = writeDecimal(number, scratch);
    int json = markPrefix.length + digits + MARK_SUFFIX.length;
    ByteBuf buf = alloc.buffer(headerLength(json) + json);
    writeHeader(buf, json);
    buf.writeBytes(markPrefix);
    buf.writeBytes(scratch, 0, digits);
    buf.writeBytes(MARK_SUFFIX);
    return buf;
  }

  /** A clear frame: Twilio drops its buffered audio and echoes every pending mark. */
  public ByteBuf clear(ByteBufAllocator alloc) {
    ByteBuf buf = alloc.buffer(headerLength(clearJson.length) + clearJson.length);
    writeHeader(buf, clearJson.length);
    buf.writeBytes(clearJson);
    return buf;
  }

  private static int headerLength(int payload) {
    return payload <= 125 ? 2 : payload <= 0xFFFF ? 4 : 10;
  }

  /** RFC 6455 section 5.2: FIN + text opcode, no mask (server to client), then the length. */
  private static void writeHeader(ByteBuf buf, int payload) {
    buf.writeByte(0x81);
    if (payload <= 125) {
      buf.writeByte(payload);
    } else if (payload <= 0xFFFF) {
      buf.writeByte(126);
      buf.writeShort(payload);
    } else {
      buf.writeByte(127);
      buf.writeLong(payload);
    }
  }

  private static int writeDecimal(long v, byte[] out) {
    if (v < 0) {
      throw new IllegalArgumentException("mark number must be >= 0");
    }
    int n = 0;
    long x = v;
    do {
      n++;
      x /= 10;
    } while (x != 0);
    int i = n;
    x = v;
    do {
      out[--i] = (byte) ('0' + (x % 10));
      x /= 10;
    } while (x != 0);
    return n;
  }
}
