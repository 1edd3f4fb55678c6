package dev.parley.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.media.server.MediaLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TwilioFrameScannerTest {

  private final TwilioFrameScanner scanner = new TwilioFrameScanner(MediaLimits.DEFAULTS);

  /** A frame preceded by junk bytes so the reader index is not zero. */
  private static ByteBuf at7(String json) {
    byte[] j = json.getBytes(StandardCharsets.UTF_8);
    ByteBuf b = Unpooled.buffer(j.length + 7);
    b.writeBytes(new byte[7]).writeBytes(j).readerIndex(7);
    return b;
  }

  @Test
  void readsAMediaFrameAsTwilioSendsIt() throws Exception {
    byte[] audio = new byte[160];
    for (int i = 0; i < 160; i++) {
      audio[i] = (byte) (i * 7);
    }
    String json =
        "{\"event\":\"media\",\"sequenceNumber\":\"3\",\"media\":{\"track\":\"inbound\",\"chunk\":\"12\","
            + "\"timestamp\":\"5340\",\"payload\":\""
            + Base64.getEncoder().encodeToString(audio)
            + "\"},\"streamSid\":\"MZ18ad3ab5a668481ce02b83e7395059f0\"}";
    ByteBuf buf = at7(json);
    assertThat(scanner.scan(buf)).isEqualTo(TwilioFrameScanner.Event.MEDIA);
    assertThat(buf.readerIndex()).isEqualTo(7);
    assertThat(scanner.payloadLength()).isEqualTo(160);
    assertThat(java.util.Arrays.copyOf(scanner.payload(), 160)).isEqualTo(audio);
    assertThat(scanner.inboundTrack()).isTrue();
    assertThat(scanner.timestamp()).isEqualTo(5340);
    assertThat(scanner.chunk()).isEqualTo(12);
  }

  @Test
  void findsThePayloadsEndAndRejectsABackslashWhereverItFallsInAWord() throws Exception {
    String payload = Base64.getEncoder().encodeToString(new byte[48]); // 64 chars, 8 words
    for (int at = 0; at <= payload.length(); at++) {
      // The closing quote at every offset within a word: payloads of 0..64 chars, all truncated
      // to a multiple of 4 so the ones that end cleanly decode.
      int chars = at & ~3;
      String json = "{\"event\":\"media\",\"media\":{\"payload\":\"" + payload.substring(0, chars);
      if (chars == 0) {
        assertThatThrownBy(() -> scanner.scan(at7(json + "\"}}")))
            .isInstanceOf(TwilioFrameException.class);
      } else {
        assertThat(scanner.scan(at7(json + "\"}}"))).isEqualTo(TwilioFrameScanner.Event.MEDIA);
        assertThat(scanner.payloadLength())
            .as("payload of %s chars", chars)
            .isEqualTo(chars / 4 * 3);
      }
      if (at < payload.length()) {
        String escaped =
            "{\"event\":\"media\",\"media\":{\"payload\":\""
                + payload.substring(0, at)
                + "\\"
                + payload.substring(at)
                + "\"}}";
        assertThatThrownBy(() -> scanner.scan(at7(escaped)))
            .as("backslash at %s", at)
            .isInstanceOf(TwilioFrameException.class)
            .hasMessageContaining("unterminated");
      }
    }
  }

  @Test
  void toleratesWhitespaceKeyOrderAndUnquotedNumbers() throws Exception {
    String json =
        " { \"streamSid\" : \"MZ1\", \"media\" : { \"payload\" : \"/w==\", \"timestamp\" : 40,"
            + " \"track\" : \"outbound\" }, \"event\" : \"media\" } \n";
    assertThat(scanner.scan(at7(json))).isEqualTo(TwilioFrameScanner.Event.MEDIA);
    assertThat(scanner.payloadLength()).isEqualTo(1);
    assertThat(scanner.payload()[0]).isEqualTo((byte) 0xFF);
    assertThat(scanner.inboundTrack()).isFalse();
    assertThat(scanner.timestamp()).isEqualTo(40);
    assertThat(scanner.chunk()).isEqualTo(-1);
  }

  @Test
  void readsMarkNamesAsNumbersAndTellsOtherEventsApart() throws Exception {
    assertThat(
            scanner.scan(
                at7(
                    "{\"event\":\"mark\",\"sequenceNumber\":\"4\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"17\"}}")))
        .isEqualTo(TwilioFrameScanner.Event.MARK);
    assertThat(scanner.markNumber()).isEqualTo(17);
    assertThat(scanner.scan(at7("{\"event\":\"mark\",\"mark\":{\"name\":\"greeting-end\"}}")))
        .isEqualTo(TwilioFrameScanner.Event.MARK);
    assertThat(scanner.markNumber()).isEqualTo(-1);
    assertThat(scanner.scan(at7("{\"event\":\"start\"}")))
        .isEqualTo(TwilioFrameScanner.Event.START);
    assertThat(scanner.scan(at7("{\"event\":\"stop\"}"))).isEqualTo(TwilioFrameScanner.Event.STOP);
    assertThat(scanner.scan(at7("{\"event\":\"dtmf\"}"))).isEqualTo(TwilioFrameScanner.Event.DTMF);
    assertThat(
            scanner.scan(
                at7("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}")))
        .isEqualTo(TwilioFrameScanner.Event.CONNECTED);
  }

  @Test
  void eachViolationHasItsOwnReason() {
    assertKind("[1,2]", TwilioFrameException.Kind.BAD_JSON, "not a JSON object");
    assertKind("{\"event\":\"media\"", TwilioFrameException.Kind.BAD_JSON, "not a JSON object");
    assertKind("{\"evt\":\"media\"}", TwilioFrameException.Kind.BAD_JSON, "no string \"event\"");
    assertKind(
        "{\"event\":\"talk\"}", TwilioFrameException.Kind.UNKNOWN_EVENT, "unknown event 'talk'");
    assertKind(
        "{\"event\":\"media\",\"media\":{}}", TwilioFrameException.Kind.BAD_PAYLOAD, "no payload");
    assertKind(
        "{\"event\":\"media\",\"media\":{\"payload\":\"" + "A".repeat(219) + "\"}}",
        TwilioFrameException.Kind.BAD_PAYLOAD,
        "219 base64 chars, not a positive multiple of 4");
    assertKind(
        "{\"event\":\"media\",\"media\":{\"payload\":\"A\\u0041AA\"}}",
        TwilioFrameException.Kind.BAD_PAYLOAD,
        "unterminated");
    assertKind(
        "{\"event\":\"media\",\"media\":{\"payload\":\"AA*A\"}}",
        TwilioFrameException.Kind.BAD_PAYLOAD,
        "not valid base64");
    assertKind(
        "{\"event\":\"media\",\"media\":{\"payload\":\"" + "A".repeat(2400) + "\"}}",
        TwilioFrameException.Kind.BAD_PAYLOAD,
        "over the 1600 byte limit");
    assertKind(
        "{\"event\":\"media\",\"x\":\"" + "A".repeat(20_000) + "\"}",
        TwilioFrameException.Kind.OVERSIZED,
        "limit 16384");
  }

  private void assertKind(String json, TwilioFrameException.Kind kind, String reason) {
    assertThatThrownBy(() -> scanner.scan(at7(json)))
        .isInstanceOfSatisfying(
            TwilioFrameException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessageContaining(reason);
  }
}
