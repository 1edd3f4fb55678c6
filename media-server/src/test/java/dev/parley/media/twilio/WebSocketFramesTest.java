package dev.parley.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {

  @Test
  void closeFrameCarriesStatusAndReasonUnmasked() {
    ByteBuf buf =
        WebSocketFrames.close(
            PooledByteBufAllocator.DEFAULT, WebSocketCloseStatus.POLICY_VIOLATION, "no");
    // 0x88 FIN + close; 0x04 no mask, length 4; 0x03F0 = 1008; "no"
    assertThat(ByteBufUtil.hexDump(buf)).isEqualTo("880403f06e6f");
    buf.release();
  }

  @Test
  void closeWithoutStatusHasAnEmptyBody() {
    ByteBuf buf = WebSocketFrames.close(PooledByteBufAllocator.DEFAULT, 1005, "ignored");
    assertThat(ByteBufUtil.hexDump(buf)).isEqualTo("8800");
    buf.release();
  }

  @Test
  void aLongReasonIsCutTo123BytesOnACharacterBoundary() {
    // 61 two-byte characters (122 bytes) then one more: cutting at 123 would split it.
    String reason = "é".repeat(62);
    ByteBuf buf = WebSocketFrames.close(PooledByteBufAllocator.DEFAULT, 1002, reason);
    assertThat((int) buf.getUnsignedByte(1)).isEqualTo(2 + 122);
    assertThat(buf.toString(4, 122, StandardCharsets.UTF_8)).isEqualTo("é".repeat(61));
    buf.release();
  }

  @Test
  void pongEchoesThePingPayload() {
    ByteBuf src = Unpooled.wrappedBuffer(new byte[] {0, 'h', 'i'});
    ByteBuf pong = WebSocketFrames.pong(PooledByteBufAllocator.DEFAULT, src, 1, 2);
    // 0x8A FIN + pong; 0x02 length; "hi"
    assertThat(ByteBufUtil.hexDump(pong)).isEqualTo("8a026869");
    pong.release();
  }

  @Test
  void handshakeAcceptMatchesTheRfcExample() {
    // RFC 6455 section 1.3.
    assertThat(WebSocketHandshake.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="))
        .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }
}
