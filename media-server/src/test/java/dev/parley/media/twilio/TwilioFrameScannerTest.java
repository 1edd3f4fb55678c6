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

  /** A media frame laid out as Twilio writes it (the scanner's fast path). */
  private static String twilio(String track, String chunk, String timestamp, String payload) {
    return twilio(track, chunk, timestamp, payload, "MZ18ad3ab5a668481ce02b83e7395059f0");
  }

  private static String twilio(
      String track, String chunk, String timestamp, String payload, String streamSid) {
    return "{\"event\":\"media\",\"sequenceNumber\":\"3\",\"media\":{\"track\":\""
        + track
        + "\",\"chunk\":\""
        + chunk
        + "\",\"timestamp\":\""
        + timestamp
        + "\",\"payload\":\""
        + payload
        + "\"},\"streamSid\":\""
        + streamSid
        + "\"}";
  }

  /** What the scanner read, to compare the fast path with the general scan. */
  private record Read(
      TwilioFrameScanner.Event event,
      byte[] payload,
      boolean inbound,
      long timestamp,
      long chunk,
      String error) {

    @Override
    public boolean equals(Object o) {
      return o instanceof Read r
          && event == r.event
          && java.util.Arrays.equals(payload, r.payload)
          && inbound == r.inbound
          && timestamp == r.timestamp
          && chunk == r.chunk
          && java.util.Objects.equals(error, r.error);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      return event
          + " "
          + (payload == null ? -1 : payload.length)
          + " "
          + inbound
          + " "
          + timestamp
          + " "
          + chunk
          + " "
          + error;
    }
  }

  private Read read(String json) {
    return read(scanner, json);
  }

  private static Read read(TwilioFrameScanner scanner, String json) {
    try {
      TwilioFrameScanner.Event event = scanner.scan(at7(json));
      return new Read(
          event,
          java.util.Arrays.copyOf(scanner.payload(), scanner.payloadLength()),
          scanner.inboundTrack(),
          scanner.timestamp(),
          scanner.chunk(),
          null);
    } catch (TwilioFrameException e) {
      return new Read(null, null, false, 0, 0, e.kind() + ": " + e.getMessage());
    }
  }

  @Test
  void twilioLayoutReadsAsTheGeneralScanReadsTheSameJson() {
    java.util.Random random = new java.util.Random(5);
    String[] frames = {
      twilio("inbound", "12", "5340", b64(random, 160)),
      twilio("outbound", "1", "0", b64(random, 160)),
      twilio("inbound", "7", "20", b64(random, 159)),
      twilio("inbound", "7", "20", b64(random, 161)),
      twilio("inbound", "7", "20", b64(random, 1)),
      twilio("inbound", "7", "20", b64(random, 1200)),
      twilio("inbound", "123456789012345678", "999999999999999999", b64(random, 160)),
      // Another stream SID length: the payload's end is looked for.
      twilio("inbound", "1", "5", b64(random, 160), "MZ1"),
      // Not read by the fast path, or read by it only in part: each must still match.
      twilio("inbound", "1234567890123456789", "5", b64(random, 160)),
      twilio("inbound", "", "5", b64(random, 160)),
      twilio("inbound_track", "1", "5", b64(random, 160)),
      twilio("inbound", "1", "5", "AAAA\",\"extra\":\"" + b64(random, 30)),
      // Errors: each must have the general scan's reason.
      twilio("inbound", "1", "5", ""),
      twilio("inbound", "1", "5", b64(random, 160).substring(1)),
      twilio("inbound", "1", "5", "AA*A" + b64(random, 60)),
      twilio("inbound", "1", "5", "AAA=" + b64(random, 60)),
      twilio("inbound", "1", "5", "A".repeat(2400)),
      twilio("inbound", "1", "5", "AAA\\" + b64(random, 60)),
    };
    for (int k = 0; k < frames.length; k++) {
      String json = frames[k];
      // A space after the brace keeps the frame off the fast path; the JSON means the same.
      Read general = read("{ " + json.substring(1));
      long before = scanner.fixedLayoutFrames();
      assertThat(read(json)).as(json).isEqualTo(general);
      // The first eight are Twilio's layout, read by fixed pieces; the rest are not.
      assertThat(scanner.fixedLayoutFrames() - before).as(json).isEqualTo(k < 8 ? 1 : 0);
    }
    assertThat(read(frames[0]).error()).isNull();
    assertThat(read(frames[12]).error()).contains("not a positive multiple of 4");
    assertThat(read(frames[14]).error()).contains("not valid base64");
    assertThat(read(frames[16]).error()).contains("over the 1600 byte limit");
    assertThat(read(frames[17]).error()).contains("unterminated");
  }

  @Test
  void theJdkAndParleyCodersReadEveryFrameAlike() {
    TwilioFrameScanner jdk = new TwilioFrameScanner(MediaLimits.DEFAULTS, PayloadBase64.Engine.JDK);
    TwilioFrameScanner parley =
        new TwilioFrameScanner(MediaLimits.DEFAULTS, PayloadBase64.Engine.PARLEY);
    java.util.Random random = new java.util.Random(6);
    int errors = 0;
    for (int k = 0; k < 4000; k++) {
      // Twilio's 160 bytes between other lengths, so the JDK path's scratch for other lengths is
      // both reused and replaced.
      int bytes = k % 2 == 0 ? 160 : 1 + random.nextInt(k % 4 == 1 ? 40 : 1600);
      StringBuilder payload = new StringBuilder(b64(random, bytes));
      if (random.nextInt(3) == 0) {
        payload.setCharAt(random.nextInt(payload.length()), "=*A \n".charAt(random.nextInt(5)));
      }
      String json = twilio("inbound", "1", "5", payload.toString());
      // The fixed-layout path and the general scan (a space after the brace) both decode.
      for (String frame : new String[] {json, "{ " + json.substring(1)}) {
        Read expected = read(parley, frame);
        assertThat(read(jdk, frame)).as(frame).isEqualTo(expected);
        if (expected.error() != null) {
          errors++;
        }
      }
    }
    assertThat(errors).isGreaterThan(1000);
  }

  private static String b64(java.util.Random random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  private void assertKind(String json, TwilioFrameException.Kind kind, String reason) {
    assertThatThrownBy(() -> scanner.scan(at7(json)))
        .isInstanceOfSatisfying(
            TwilioFrameException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessageContaining(reason);
  }
}
