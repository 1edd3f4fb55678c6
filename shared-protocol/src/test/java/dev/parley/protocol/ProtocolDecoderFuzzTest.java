package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the streaming decoder and the one-frame reader with arbitrary bytes. Runs the seed corpus
 * in {@code ProtocolDecoderFuzzTestInputs/} as a regression test in every {@code mvn test}; with
 * {@code JAZZER_FUZZ=1} it fuzzes (command in PROTOCOL.md, "Fuzzing").
 *
 * <p>Invariants: decoding ends in messages or one {@link ProtocolException}, nothing else; every
 * decoded message re-encodes to exactly the bytes it was decoded from (except the version byte of
 * handshake frames, which are readable at any version), and decodes back to itself.
 */
class ProtocolDecoderFuzzTest {
  private final ProtocolEncoder encoder = new ProtocolEncoder();

  /**
   * The first byte picks how the rest is fed to the streaming decoder: 0 in one piece, n in pieces
   * of n bytes, so split frames and split length prefixes are fuzzed too.
   */
  @FuzzTest(maxDuration = "3m")
  void decodesToMessagesOrOneProtocolException(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int piece = input[0] & 0xFF;
    byte[] stream = new byte[input.length - 1];
    System.arraycopy(input, 1, stream, 0, stream.length);

    List<ProtocolMessage> messages = new ArrayList<>();
    ProtocolException failure = null;
    try (ProtocolDecoder decoder = new ProtocolDecoder()) {
      int step = piece == 0 ? Math.max(1, stream.length) : piece;
      for (int from = 0; from < stream.length; from += step) {
        ByteBuf in = Unpooled.wrappedBuffer(stream, from, Math.min(step, stream.length - from));
        try {
          decoder.decode(in, messages);
        } catch (ProtocolException e) {
          assertThat(failure).as("the decoder failed twice").isNull();
          failure = e;
        }
        assertThat(in.isReadable()).as("input left unconsumed").isFalse();
      }
      assertThat(decoder.isFailed()).isEqualTo(failure != null);
    }
    if (failure != null) {
      assertThat(failure.code()).isNotNull();
      assertThat(failure.reason()).isNotBlank();
    }

    int offset = 0;
    for (ProtocolMessage message : messages) {
      int frameLength = 4 + (int) Unpooled.wrappedBuffer(stream, offset, 4).getUnsignedInt(0);
      byte[] original = new byte[frameLength];
      System.arraycopy(stream, offset, original, 0, frameLength);
      offset += frameLength;
      assertReEncodesCanonically(message, original);
    }
    readWholeInputAsOneFrame(stream);
  }

  private void assertReEncodesCanonically(ProtocolMessage message, byte[] original) {
    ByteBuf buf = Unpooled.buffer(original.length);
    encoder.encode(message, buf);
    byte[] encoded = ByteBufUtil.getBytes(buf);
    if (message.type().isHandshake()) {
      original[4] = encoded[4];
    }
    assertThat(encoded).as("re-encoding of %s", message).isEqualTo(original);
    assertThat(new ProtocolReader(ProtocolLimits.DEFAULT).read(buf, 0, buf.readableBytes()))
        .isEqualTo(message);
  }

  /** The reader must agree with the decoder: one frame or one ProtocolException. */
  private void readWholeInputAsOneFrame(byte[] stream) {
    ByteBuf buf = Unpooled.wrappedBuffer(new byte[3], stream);
    try {
      ProtocolMessage message =
          new ProtocolReader(ProtocolLimits.DEFAULT).read(buf, 3, stream.length);
      assertReEncodesCanonically(message, stream.clone());
    } catch (ProtocolException expected) {
      assertThat(expected.code()).isNotNull();
    }
  }
}
