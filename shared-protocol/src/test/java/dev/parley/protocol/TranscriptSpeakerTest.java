package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TRANSCRIPT's flags byte: the agent's transcript against its own hand-written vector (the callee's
 * is GoldenVectorTest's), and every speaker and finality through the codec at an offset.
 */
class TranscriptSpeakerTest {
  private static final Transcript AGENT_INTERIM =
      new Transcript(
          Samples.CALL, 4, Transcript.Speaker.AGENT, false, 2100, 3100, 1f, "Thursday ok");

  @Test
  void encoderWritesTheAgentVector() {
    ByteBuf out = Unpooled.buffer();
    try {
      out.writeZero(3);
      new ProtocolEncoder().encode(AGENT_INTERIM, out);
      assertThat(ByteBufUtil.hexDump(out, 3, out.writerIndex() - 3))
          .isEqualTo(ByteBufUtil.hexDump(Hex.vector("transcript_agent")));
    } finally {
      out.release();
    }
  }

  @Test
  void readerDecodesTheAgentVectorAtAnOffset() {
    byte[] vector = Hex.vector("transcript_agent");
    ByteBuf buf = Unpooled.directBuffer();
    try {
      buf.writeZero(5).writeBytes(vector).writeZero(2);
      assertThat(new ProtocolReader(ProtocolLimits.DEFAULT).read(buf, 5, vector.length))
          .isEqualTo(AGENT_INTERIM);
    } finally {
      buf.release();
    }
  }

  @ParameterizedTest(name = "{0} final={1} -> flags {2}")
  @CsvSource({"CALLEE,false,0", "CALLEE,true,1", "AGENT,false,2", "AGENT,true,3"})
  void speakerAndFinalityShareOneByte(Transcript.Speaker speaker, boolean isFinal, int flags) {
    Transcript t = new Transcript(Samples.CALL, 7, speaker, isFinal, 10, 20, 0.5f, "hi");
    ByteBuf buf = Unpooled.buffer();
    try {
      buf.writeZero(9);
      new ProtocolEncoder().encode(t, buf);
      // 9 padding bytes, 24 header bytes, then the u32 utterance seq.
      assertThat(buf.getUnsignedByte(9 + 24 + 4)).isEqualTo((short) flags);
      assertThat(new ProtocolReader(ProtocolLimits.DEFAULT).read(buf, 9, buf.writerIndex() - 9))
          .isEqualTo(t);
    } finally {
      buf.release();
    }
  }
}
