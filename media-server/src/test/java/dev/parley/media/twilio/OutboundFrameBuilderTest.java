package dev.parley.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OutboundFrameBuilderTest {

  private final OutboundFrameBuilder builder = new OutboundFrameBuilder("MZabc123", 1600);
  private final ObjectMapper json = new ObjectMapper();

  /** Checks the RFC 6455 header and returns the JSON payload. */
  private JsonNode payload(ByteBuf frame) throws Exception {
    try {
      assertThat((int) frame.readUnsignedByte()).as("FIN + text opcode").isEqualTo(0x81);
      int len = frame.readUnsignedByte();
      assertThat(len & 0x80).as("server frames are not masked").isZero();
      if (len == 126) {
        len = frame.readUnsignedShort();
      }
      assertThat(frame.readableBytes()).isEqualTo(len);
      return json.readTree(frame.toString(StandardCharsets.UTF_8));
    } finally {
      frame.release();
    }
  }

  @Test
  void buildsAMediaFrameTwilioAccepts() throws Exception {
    byte[] audio = new byte[170];
    for (int i = 0; i < audio.length; i++) {
      audio[i] = (byte) (i * 13);
    }
    JsonNode n = payload(builder.media(PooledByteBufAllocator.DEFAULT, audio, 10, 160));
    assertThat(n.path("event").asText()).isEqualTo("media");
    assertThat(n.path("streamSid").asText()).isEqualTo("MZabc123");
    assertThat(Base64.getDecoder().decode(n.path("media").path("payload").asText()))
        .isEqualTo(java.util.Arrays.copyOfRange(audio, 10, 170));
  }

  @Test
  void theJdkAndParleyCodersBuildTheSameBytes() {
    OutboundFrameBuilder jdk = new OutboundFrameBuilder("MZabc123", 1600, PayloadBase64.Engine.JDK);
    OutboundFrameBuilder parley =
        new OutboundFrameBuilder("MZabc123", 1600, PayloadBase64.Engine.PARLEY);
    java.util.Random random = new java.util.Random(3);
    for (int k = 0; k < 2000; k++) {
      int len = k % 2 == 0 ? 160 : random.nextInt(1601);
      int off = random.nextInt(3);
      byte[] audio = new byte[off + len];
      random.nextBytes(audio);
      ByteBuf a = jdk.media(PooledByteBufAllocator.DEFAULT, audio, off, len);
      ByteBuf b = parley.media(PooledByteBufAllocator.DEFAULT, audio, off, len);
      try {
        assertThat(io.netty.buffer.ByteBufUtil.getBytes(a))
            .as("%d bytes at %d", len, off)
            .isEqualTo(io.netty.buffer.ByteBufUtil.getBytes(b));
      } finally {
        a.release();
        b.release();
      }
    }
  }

  @Test
  void buildsMarkAndClearFrames() throws Exception {
    JsonNode m = payload(builder.mark(PooledByteBufAllocator.DEFAULT, 1234567));
    assertThat(m.path("event").asText()).isEqualTo("mark");
    assertThat(m.path("mark").path("name").asText()).isEqualTo("1234567");
    assertThat(
            payload(builder.mark(PooledByteBufAllocator.DEFAULT, 0))
                .path("mark")
                .path("name")
                .asText())
        .isEqualTo("0");
    JsonNode c = payload(builder.clear(PooledByteBufAllocator.DEFAULT));
    assertThat(c.path("event").asText()).isEqualTo("clear");
    assertThat(c.path("streamSid").asText()).isEqualTo("MZabc123");
  }
}
