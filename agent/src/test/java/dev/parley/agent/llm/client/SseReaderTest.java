package dev.parley.agent.llm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  private static SseReader reader(String wire, int limit) {
    return new SseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)), limit);
  }

  @Test
  void readsEventsWithAnyLineEndingCommentsAndMultiLineData() throws Exception {
    SseReader r =
        reader(
            ": keep-alive\r\n"
                + "event: content_block_delta\r\n"
                + "data: {\"a\":1}\r\n"
                + "\r\n"
                + "data: first\n"
                + "data:second\n"
                + "id: 7\n"
                + "\n"
                + "event: ping\r"
                + "data: {}\r"
                + "\r"
                + "data: unterminated",
            4096);
    assertThat(r.next()).isEqualTo(new SseEvent("content_block_delta", "{\"a\":1}"));
    assertThat(r.next()).isEqualTo(new SseEvent("message", "first\nsecond"));
    assertThat(r.next()).isEqualTo(new SseEvent("ping", "{}"));
    // An event the stream did not finish with a blank line is dropped, as the format says.
    assertThat(r.next()).isNull();
  }

  @Test
  void keepsMultiByteCharactersWhole() throws Exception {
    SseReader r = reader("data: {\"text\":\"Caf\u00e9 \u2014 10:30 \u20ac\"}\n\n", 4096);
    assertThat(r.next().data()).isEqualTo("{\"text\":\"Caf\u00e9 \u2014 10:30 \u20ac\"}");
  }

  @Test
  void anEventOverTheLimitIsAProtocolError() {
    SseReader r = reader("data: " + "x".repeat(2000) + "\n\n", 1024);
    assertThatThrownBy(r::next)
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.PROTOCOL))
        .hasMessageContaining("longer than 1024 bytes");
  }
}
