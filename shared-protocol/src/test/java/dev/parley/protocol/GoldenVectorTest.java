package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every message type both ways against its hand-written vector in
 * src/test/resources/vectors, with every reader working at a non-zero offset.
 */
class GoldenVectorTest {
  private static final int PAD_BEFORE = 7;
  private static final int PAD_AFTER = 5;

  static Stream<ProtocolMessage> samples() {
    return Samples.all().stream();
  }

  private static byte[] vectorOf(ProtocolMessage m) {
    return Hex.vector(m.type().name().toLowerCase(Locale.ROOT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void encoderWritesTheVectorAfterExistingBytes(ProtocolMessage message) {
    byte[] expected = vectorOf(message);
    ByteBuf out = Unpooled.buffer(8);
    try {
      out.writeZero(PAD_BEFORE);
      new ProtocolEncoder().encode(message, out);
      assertThat(ByteBufUtil.hexDump(out, PAD_BEFORE, out.writerIndex() - PAD_BEFORE))
          .isEqualTo(ByteBufUtil.hexDump(expected));
    } finally {
      out.release();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void readerDecodesTheVectorAtAnOffset(ProtocolMessage message) {
    byte[] vector = vectorOf(message);
    for (ByteBuf buf : new ByteBuf[] {Unpooled.buffer(), Unpooled.directBuffer()}) {
      try {
        buf.writeBytes(new byte[PAD_BEFORE]).writeBytes(vector).writeBytes(new byte[PAD_AFTER]);
        ProtocolMessage decoded =
            new ProtocolReader(ProtocolLimits.DEFAULT).read(buf, 7, vector.length);
        assertThat(decoded).isEqualTo(message);
        assertThat(buf.readerIndex()).isZero();
      } finally {
        buf.release();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void streamingDecoderDecodesTheVectorFromANonZeroReaderIndex(ProtocolMessage message) {
    byte[] vector = vectorOf(message);
    ByteBuf buf = Unpooled.directBuffer();
    try (ProtocolDecoder decoder = new ProtocolDecoder()) {
      buf.writeBytes(new byte[PAD_BEFORE]).writeBytes(vector);
      buf.readerIndex(PAD_BEFORE);
      assertThat(decoder.next(buf)).isEqualTo(message);
      assertThat(buf.isReadable()).isFalse();
      assertThat(decoder.next(buf)).isNull();
    } finally {
      buf.release();
    }
  }
}
