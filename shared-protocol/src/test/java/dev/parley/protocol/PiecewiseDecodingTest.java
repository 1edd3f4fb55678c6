package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Feeds the encoded stream of every sample to the streaming decoder in pieces of every shape. */
class PiecewiseDecodingTest {
  private static byte[] stream;

  @BeforeAll
  static void encodeAllSamples() {
    ByteBuf buf = Unpooled.buffer();
    ProtocolEncoder encoder = new ProtocolEncoder();
    Samples.all().forEach(m -> encoder.encode(m, buf));
    stream = new byte[buf.readableBytes()];
    buf.readBytes(stream);
    buf.release();
  }

  private static List<ProtocolMessage> feed(ProtocolDecoder decoder, int... cuts) {
    List<ProtocolMessage> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= cuts.length; i++) {
      int to = i < cuts.length ? cuts[i] : stream.length;
      // A fresh direct buffer per piece: the decoder must keep no reference to its input.
      ByteBuf piece = Unpooled.directBuffer(Math.max(1, to - from));
      piece.writeBytes(stream, from, to - from);
      try {
        decoder.decode(piece, out);
        assertThat(piece.isReadable()).isFalse();
      } finally {
        piece.release();
      }
      from = to;
    }
    return out;
  }

  @Test
  void everySplitPointIntoTwoPiecesYieldsTheSameMessages() {
    for (int cut = 0; cut <= stream.length; cut++) {
      try (ProtocolDecoder decoder = new ProtocolDecoder()) {
        assertThat(feed(decoder, cut)).as("cut at %d", cut).isEqualTo(Samples.all());
      }
    }
  }

  @Test
  void oneByteAtATimeYieldsTheSameMessages() {
    int[] cuts = new int[stream.length - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = i + 1;
    }
    try (ProtocolDecoder decoder = new ProtocolDecoder()) {
      assertThat(feed(decoder, cuts)).isEqualTo(Samples.all());
    }
  }

  @Test
  void randomPiecesYieldTheSameMessages() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      int pieces = 1 + random.nextInt(12);
      int[] cuts = random.ints(pieces, 0, stream.length + 1).sorted().toArray();
      try (ProtocolDecoder decoder = new ProtocolDecoder()) {
        assertThat(feed(decoder, cuts)).as("round %d", round).isEqualTo(Samples.all());
      }
    }
  }

  @Test
  void aFrameSplitAcrossInputsIsHeldUntilItCompletes() {
    ProtocolMessage speak = Samples.all().get(14);
    ByteBuf frame = Unpooled.buffer();
    new ProtocolEncoder().encode(speak, frame);
    try (ProtocolDecoder decoder = new ProtocolDecoder()) {
      ByteBuf head = frame.readRetainedSlice(10);
      assertThat(decoder.next(head)).isNull();
      head.release();
      assertThat(decoder.next(frame)).isEqualTo(speak);
    } finally {
      frame.release();
    }
  }
}
