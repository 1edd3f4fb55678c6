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
