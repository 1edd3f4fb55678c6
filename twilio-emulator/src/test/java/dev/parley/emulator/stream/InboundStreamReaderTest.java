package dev.parley.emulator.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundStreamReaderTest {

  private final List<String> seen = new ArrayList<>();
  private final InboundStreamReader reader = new InboundStreamReader(400);
  private final InboundStreamReader.Handler handler =
      new InboundStreamReader.Handler() {
        @Override
        public void onMedia(byte[] ulaw) {
          seen.add("media " + ulaw.length);
        }

        @Override
        public void onMark(String name) {
          seen.add("mark " + name);
        }

        @Override
        public void onClear() {
          seen.add("clear");
        }

        @Override
        public void onOther(String event) {
          seen.add("other " + event);
        }
      };

  private void read(String json) throws MediaStreamProtocolException {
    // Non-zero offset: the reader must honour the buffer's reader index.
    ByteBuf buf = Unpooled.buffer();
    buf.writeBytes("garbage".getBytes(StandardCharsets.UTF_8));
    buf.writeBytes(json.getBytes(StandardCharsets.UTF_8));
    buf.readerIndex(7);
    try {
      reader.read(buf, "MZ1", handler);
    } finally {
      buf.release();
    }
  }

  @Test
  void readsMediaMarkClearAndIgnoresOthers() throws Exception {
    read("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"AAECAw==\"}}");
    read("{\"streamSid\":\"MZ1\",\"event\":\"mark\",\"mark\":{\"name\":\"turn-1\"},\"x\":[1,{}]}");
    read("{\"event\":\"clear\",\"streamSid\":\"MZ1\"}");
    read("{\"event\":\"custom\"}");
    assertThat(seen).containsExactly("media 4", "mark turn-1", "clear", "other custom");
  }

  @Test
  void theCompactMediaFormTakesTheFastPathAndNearMissesTheGeneralOne() throws Exception {
    String prefix = "{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"";
    read(prefix + "AAECAw==\"}}");
    // Same bytes with another stream's SID: the general path reports the mismatch.
    assertThatThrownBy(
            () ->
                read(
                    "{\"event\":\"media\",\"streamSid\":\"MZ2\",\"media\":{\"payload\":\"AAAA\"}}"))
        .hasMessageContaining("not this stream's");
    // A quote in the "payload": not base64, so the JSON parser reads it (a payload and a field).
    read(prefix + "AAAA\",\"x\":\"1\"}}");
    // Whitespace breaks the exact form but not the JSON.
    read(prefix.replace(",", ", ") + "AAECAwQ=\"}}");
    assertThatThrownBy(() -> read(prefix + "A".repeat(404) + "\"}}"))
        .hasMessageContaining("over the limit");
    assertThat(seen).containsExactly("media 4", "media 3", "media 5");
  }

  @Test
  void oneTypedErrorPerViolation() {
    assertThatThrownBy(() -> read("[1]")).isInstanceOf(MediaStreamProtocolException.class);
    assertThatThrownBy(() -> read("{\"media\":{}}")).hasMessageContaining("no \"event\"");
    assertThatThrownBy(() -> read("{\"event\":\"media\",\"media\":{}}"))
        .hasMessageContaining("no media.payload");
    assertThatThrownBy(() -> read("{\"event\":\"media\",\"media\":{\"payload\":\"@@@\"}}"))
        .hasMessageContaining("not Base64");
    assertThatThrownBy(
            () -> read("{\"event\":\"media\",\"media\":{\"payload\":\"" + "A".repeat(404) + "\"}}"))
        .hasMessageContaining("over the limit");
    assertThatThrownBy(() -> read("{\"event\":\"clear\",\"streamSid\":\"MZ2\"}"))
        .hasMessageContaining("not this stream's");
    assertThatThrownBy(() -> read("{\"event\":\"mark\",\"mark\":{}}"))
        .hasMessageContaining("no mark.name");
    assertThatThrownBy(() -> read("{\"event\":\"media\"")).hasMessageContaining("malformed");
  }
}
