package dev.parley.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebSocketDecoderTest {

  private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
  private static final byte[] KEY = {0x37, (byte) 0xfa, 0x21, 0x3d};

  private final WebSocketDecoder decoder = new WebSocketDecoder(1024);
  private final Recorder seen = new Recorder();
  private final List<ByteBuf> fed = new ArrayList<>();

  @AfterEach
  void everyBufferIsReleased() {
    decoder.release();
    for (ByteBuf b : fed) {
      assertThat(b.refCnt()).as("input buffer released").isZero();
    }
  }

  @Test
  void rfcExampleMaskedHelloAtANonZeroOffset() throws Exception {
    // RFC 6455 section 5.7: a single-frame masked text message "Hello".
    byte[] frame = {
      (byte) 0x81, // FIN, text
      (byte) 0x85, // MASK, length 5
      0x37,
      (byte) 0xfa,
      0x21,
      0x3d, // masking key
      0x7f,
      (byte) 0x9f,
      0x4d,
      0x51,
      0x58 // "Hello" masked
    };
    ByteBuf in = ALLOC.buffer(64);
    in.writeBytes(new byte[] {9, 9, 9}).readerIndex(3);
    in.writeBytes(frame);
    feed(in);
    assertThat(seen.events).containsExactly("text:Hello");
  }

  @Test
  void severalFramesInOneReadAndAFrameSplitAtEveryByte() throws Exception {
    String media = "{\"event\":\"media\",\"media\":{\"payload\":\"" + "A".repeat(216) + "\"}}";
    byte[] one = masked(0x81, media.getBytes(StandardCharsets.US_ASCII)); // 16-bit length
    byte[] two = masked(0x81, "{\"event\":\"mark\"}".getBytes(StandardCharsets.US_ASCII));
    byte[] all = concat(one, two, one);
    for (int split = 1; split < all.length; split++) {
      seen.events.clear();
      feed(copy(all, 0, split));
      feed(copy(all, split, all.length));
      assertThat(seen.events)
          .as("split at %d", split)
          .containsExactly("text:" + media, "text:{\"event\":\"mark\"}", "text:" + media);
    }
  }

  @Test
  void fragmentedTextWithAPingBetweenTheFragments() throws Exception {
    byte[] first = masked(0x01, "Hel".getBytes(StandardCharsets.US_ASCII)); // text, not FIN
    byte[] ping = masked(0x89, "p".getBytes(StandardCharsets.US_ASCII));
    byte[] last = masked(0x80, "lo".getBytes(StandardCharsets.US_ASCII)); // continuation, FIN
    feed(Unpooled.wrappedBuffer(concat(first, ping)));
    feed(Unpooled.wrappedBuffer(last));
    assertThat(seen.events).containsExactly("ping:p", "text:Hello");
  }

  @Test
  void multiByteUtf8IsAcceptedAndBrokenUtf8Is1007() throws Exception {
    feed(Unpooled.wrappedBuffer(masked(0x81, "né €".getBytes(StandardCharsets.UTF_8))));
    assertThat(seen.events).containsExactly("text:né €");
    assertFails(masked(0x81, new byte[] {'a', (byte) 0xC3}), 1007, "not valid UTF-8");
  }

  @Test
  void binaryAndPongAndClose() throws Exception {
    feed(Unpooled.wrappedBuffer(masked(0x82, new byte[] {1, 2, 3})));
    feed(Unpooled.wrappedBuffer(masked(0x8A, new byte[] {7})));
    feed(Unpooled.wrappedBuffer(masked(0x88, new byte[0])));
    byte[] close = concat(new byte[] {0x03, (byte) 0xE8}, "bye".getBytes(StandardCharsets.UTF_8));
    feed(Unpooled.wrappedBuffer(masked(0x88, close)));
    assertThat(seen.events).containsExactly("binary:3", "close:1005:", "close:1000:bye");
  }

  @Test
  void protocolViolationsAre1002() {
    assertFails(new byte[] {(byte) 0x81, 0x01, 'a'}, 1002, "not masked");
    assertFails(masked(0xC1, new byte[] {'a'}), 1002, "reserved bits");
    assertFails(masked(0x83, new byte[] {'a'}), 1002, "reserved opcode 3");
    assertFails(masked(0x8B, new byte[] {'a'}), 1002, "reserved opcode 11");
    assertFails(masked(0x80, new byte[] {'a'}), 1002, "continuation frame without");
    assertFails(
        concat(masked(0x01, new byte[] {'a'}), masked(0x81, new byte[] {'b'})),
        1002,
        "inside a fragmented message");
    assertFails(masked(0x09, new byte[] {'a'}), 1002, "fragmented control frame");
    assertFails(masked(0x89, new byte[126]), 1002, "control frame payload is 126 bytes");
    assertFails(masked(0x88, new byte[] {3}), 1002, "close frame body of 1 byte");
    assertFails(masked(0x88, new byte[] {0x03, (byte) 0xED}), 1002, "close status 1005");
    assertFails(masked(0x88, new byte[] {0x03, (byte) 0xE7}), 1002, "close status 999");
    // Length 5 written in the 16-bit form.
    assertFails(new byte[] {(byte) 0x81, (byte) 0xFE, 0, 5, 1, 2, 3, 4}, 1002, "minimally");
    // 64-bit length with the most significant bit set.
    assertFails(
        new byte[] {(byte) 0x81, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1},
        1002,
        "most significant bit");
  }

  @Test
  void anOversizedMessageIs1009FromItsHeaderAlone() {
    // Header only: 2000 bytes announced (16-bit length 0x07D0), limit 1024; nothing buffered.
    assertFails(new byte[] {(byte) 0x81, (byte) 0xFE, 0x07, (byte) 0xD0}, 1009, "2000 bytes");
    WebSocketDecoder d = new WebSocketDecoder(1024);
    ByteBuf first = Unpooled.wrappedBuffer(masked(0x01, new byte[600]));
    ByteBuf second = Unpooled.wrappedBuffer(masked(0x80, new byte[600]));
    assertThatThrownBy(
            () -> {
              d.decode(ALLOC, first, seen);
              d.decode(ALLOC, second, seen);
            })
        .isInstanceOfSatisfying(
            WebSocketProtocolException.class,
            e -> assertThat(e.status()).isEqualTo(WebSocketCloseStatus.MESSAGE_TOO_BIG));
    assertThat(first.refCnt()).isZero();
    assertThat(second.refCnt()).isZero();
  }

  @Test
  void afterAViolationTheRestOfTheInputIsDiscarded() throws Exception {
    ByteBuf bad = Unpooled.wrappedBuffer(masked(0x83, new byte[] {'a'}));
    assertThatThrownBy(() -> decoder.decode(ALLOC, bad, seen))
        .isInstanceOf(WebSocketProtocolException.class);
    assertThat(bad.refCnt()).isZero();
    ByteBuf more = Unpooled.wrappedBuffer(masked(0x81, new byte[] {'b'}));
    decoder.decode(ALLOC, more, seen);
    assertThat(more.refCnt()).isZero();
    assertThat(seen.events).isEmpty();
  }

  @Test
  void aPartialFrameHeldAtCloseIsReleased() throws Exception {
    byte[] frame = masked(0x81, new byte[300]);
    ByteBuf in = Unpooled.wrappedBuffer(frame, 0, 100);
    decoder.decode(ALLOC, in, seen);
    assertThat(in.refCnt()).isZero();
    assertThat(seen.events).isEmpty();
    // everyBufferIsReleased() releases the decoder; the paranoid leak detector checks the rest.
  }

  @Test
  void unmaskMatchesTheBytewiseDefinitionAtEveryLengthAndOffset() {
    unmaskMatchesTheDefinition(false);
    unmaskMatchesTheDefinition(true);
  }

  private static void unmaskMatchesTheDefinition(boolean direct) {
    int key = 0x37fa213d;
    for (int offset = 0; offset < 9; offset++) {
      for (int len = 0; len < 40; len++) {
        byte[] plain = new byte[len];
        for (int i = 0; i < len; i++) {
          plain[i] = (byte) (i * 37 + offset);
        }
        ByteBuf buf = direct ? Unpooled.directBuffer(offset + len) : Unpooled.buffer(offset + len);
        buf.writeZero(offset).writeBytes(plain);
        for (int i = 0; i < len; i++) {
          buf.setByte(offset + i, plain[i] ^ KEY[i % 4]);
        }
        boolean ascii = WebSocketDecoder.unmask(buf, offset, len, key);
        byte[] out = new byte[len];
        buf.getBytes(offset, out);
        assertThat(out).isEqualTo(plain);
        boolean expectAscii = true;
        for (byte b : plain) {
          expectAscii &= b >= 0;
        }
        assertThat(ascii).isEqualTo(expectAscii);
        buf.release();
      }
    }
  }

  private void feed(ByteBuf in) throws WebSocketProtocolException {
    fed.add(in);
    decoder.decode(ALLOC, in, seen);
  }

  private void assertFails(byte[] input, int status, String reasonPart) {
    WebSocketDecoder d = new WebSocketDecoder(1024);
    ByteBuf in = Unpooled.wrappedBuffer(input);
    assertThatThrownBy(() -> d.decode(ALLOC, in, seen))
        .isInstanceOfSatisfying(
            WebSocketProtocolException.class,
            e -> {
              assertThat(e.status().code()).isEqualTo(status);
              assertThat(e.getMessage()).contains(reasonPart);
            });
    assertThat(in.refCnt()).isZero();
    d.release();
  }

  /** A client frame: {@code b0} (FIN, opcode), MASK + minimal length, {@link #KEY}, payload. */
  static byte[] masked(int b0, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b0);
    int n = payload.length;
    if (n < 126) {
      out.write(0x80 | n);
    } else if (n <= 0xFFFF) {
      out.write(0x80 | 126);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) ((long) n >> (8 * i)));
      }
    }
    out.writeBytes(KEY);
    for (int i = 0; i < n; i++) {
      out.write(payload[i] ^ KEY[i % 4]);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static ByteBuf copy(byte[] a, int from, int to) {
    ByteBuf b = ALLOC.buffer(to - from);
    b.writeBytes(a, from, to - from);
    return b;
  }

  private static final class Recorder implements WebSocketDecoder.Listener {
    final List<String> events = new ArrayList<>();

    @Override
    public void onText(ByteBuf message) {
      events.add("text:" + message.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void onBinary(int length) {
      events.add("binary:" + length);
    }

    @Override
    public void onPing(ByteBuf payload) {
      events.add("ping:" + payload.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void onClose(int status, String reason) {
      events.add("close:" + status + ":" + reason);
    }
  }
}
