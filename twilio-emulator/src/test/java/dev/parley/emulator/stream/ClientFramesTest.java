package dev.parley.emulator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientFramesTest {

  @Test
  void rfcExampleMaskedHello() {
    ByteBuf buf = ClientFrames.messageBuffer(PooledByteBufAllocator.DEFAULT, 5);
    buf.writeCharSequence("Hello", StandardCharsets.US_ASCII);
    ClientFrames.text(buf, 0x37fa213d);
    // RFC 6455 section 5.7: 0x81 FIN text, 0x85 MASK + 5, key 37fa213d, "Hello" masked.
    assertThat(ByteBufUtil.hexDump(buf)).isEqualTo("818537fa213d7f9f4d5158");
    buf.release();
  }

  @Test
  void nettysServerDecoderReadsFramesOfEveryLengthClass() {
    for (int len : new int[] {0, 1, 7, 8, 125, 126, 300, 65535, 65536}) {
      String text = "x".repeat(len);
      ByteBuf buf = ClientFrames.messageBuffer(PooledByteBufAllocator.DEFAULT, len);
      buf.writeCharSequence(text, StandardCharsets.US_ASCII);
      EmbeddedChannel ch = new EmbeddedChannel(new WebSocket13FrameDecoder(true, false, 1 << 20));
      ch.writeInbound(ClientFrames.text(buf, 0x12345678 * (len + 1)));
      TextWebSocketFrame frame = ch.readInbound();
      assertThat(frame.isFinalFragment()).isTrue();
      assertThat(frame.text()).as("length %d", len).isEqualTo(text);
      frame.release();
      assertThat(ch.finish()).isFalse();
    }
  }
}
