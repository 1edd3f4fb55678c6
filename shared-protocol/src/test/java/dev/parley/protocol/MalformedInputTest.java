package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of malformed frame, each fed to the one-frame reader (at an offset) and to the
 * streaming decoder whole and byte by byte: each must end in one ProtocolException with the
 * expected code and reason, and the decoder must discard what follows.
 */
class MalformedInputTest {
  private static final String CALL = "00112233445566778899aabbccddeeff";
  private static final String NONE = "00000000000000000000000000000000";

  /** A frame with a correct length prefix: version, type, call id and body in hex. */
  private static String frame(String version, String type, String callId, String body) {
    String rest = version + type + "0000" + callId + body.replace(" ", "");
    return String.format("%08x", rest.length() / 2) + rest;
  }

  private static String call(String type, String body) {
    return frame("01", type, CALL, body);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "version 0",
            frame("00", "21", CALL, "00000001"),
            ErrorCode.UNSUPPORTED_VERSION,
            "version 0"),
        Arguments.of(
            "version 2 on a call message",
            frame("02", "21", CALL, "00000001"),
            ErrorCode.UNSUPPORTED_VERSION,
            "SPEECH_STARTED frame version 2"),
        Arguments.of(
            "unknown type", call("7f", "00000001"), ErrorCode.UNKNOWN_MESSAGE_TYPE, "type 0x7f"),
        Arguments.of(
            "length over the frame limit",
            "00010001" + "0121",
            ErrorCode.FRAME_TOO_LARGE,
            "65537 exceeds the limit 65536"),
        Arguments.of("length 2^32-1", "ffffffff", ErrorCode.FRAME_TOO_LARGE, "4294967295 exceeds"),
        Arguments.of(
            "length under the header",
            "00000013" + "01210000" + CALL.substring(0, 30),
            ErrorCode.MALFORMED_FRAME,
            "shorter than the 20-byte header"),
        Arguments.of(
            "body too short for the type",
            call("30", "000000"),
            ErrorCode.MALFORMED_FRAME,
            "SPEAK body is 3 bytes, shorter than its minimum 12"),
        Arguments.of(
            "body too long for the type",
            call("31", "00"),
            ErrorCode.MALFORMED_FRAME,
            "CLEAR body is 1 bytes, longer than its maximum 0"),
        Arguments.of(
            "fixed body too long",
            call("21", "0000000100"),
            ErrorCode.MALFORMED_FRAME,
            "SPEECH_STARTED body is 5 bytes, longer than its maximum 4"),
        Arguments.of(
            "reserved flags set",
            "00000018" + "01210001" + CALL + "00000001",
            ErrorCode.MALFORMED_FRAME,
            "reserved flags 0x1"),
        Arguments.of(
            "string over its limit",
            call("40", "0041" + "61".repeat(65) + "0001" + "6e" + "0000"),
            ErrorCode.FIELD_TOO_LONG,
            "TOOL_CALL tool call id is 65 bytes, limit 64"),
        Arguments.of(
            "string over the type's maximum",
            call("32", "0041" + "31".repeat(65)),
            ErrorCode.MALFORMED_FRAME,
            "SEND_DTMF body is 67 bytes, longer than its maximum 66"),
        Arguments.of(
            "string past the frame end",
            call("33", "000a" + "6f6b6f6b6f"),
            ErrorCode.MALFORMED_FRAME,
            "HANGUP reason of 10 bytes runs past the frame end"),
        Arguments.of(
            "length prefix of a later string cut off",
            call("41", "0004" + "61626364" + "00"),
            ErrorCode.MALFORMED_FRAME,
            "TOOL_RESULT body ends 1 bytes short"),
        Arguments.of(
            "trailing bytes",
            call("33", "0002" + "6f6b" + "0000"),
            ErrorCode.MALFORMED_FRAME,
            "HANGUP has 2 trailing bytes"),
        Arguments.of(
            "invalid UTF-8: lone continuation",
            call("33", "0002" + "c328"),
            ErrorCode.INVALID_FIELD,
            "HANGUP reason is not valid UTF-8"),
        Arguments.of(
            "invalid UTF-8: overlong slash",
            call("33", "0002" + "c0af"),
            ErrorCode.INVALID_FIELD,
            "not valid UTF-8"),
        Arguments.of(
            "invalid UTF-8: encoded surrogate",
            call("33", "0003" + "eda080"),
            ErrorCode.INVALID_FIELD,
            "not valid UTF-8"),
        Arguments.of(
            "invalid UTF-8: truncated sequence at the end",
            call("33", "0002" + "41e2"),
            ErrorCode.INVALID_FIELD,
            "not valid UTF-8"),
        Arguments.of(
            "bad boolean",
            call("30", "00000005" + "00000000" + "02" + "01" + "0000"),
            ErrorCode.INVALID_FIELD,
            "SPEAK final flag is 2, not 0 or 1"),
        Arguments.of(
            "bad session end reason",
            call("12", "09" + "0000"),
            ErrorCode.INVALID_FIELD,
            "reason code 9 is undefined"),
        Arguments.of(
            "bad error code",
            frame("01", "04", NONE, "03e7" + "0000"),
            ErrorCode.INVALID_FIELD,
            "error code 999 is undefined"),
        Arguments.of(
            "bad direction",
            call("10", "03" + "01" + "00000000000000000000000000000000" + "0000".repeat(10)),
            ErrorCode.INVALID_FIELD,
            "direction code 3 is undefined"),
        Arguments.of(
            "u32 with the top bit set",
            call("21", "80000000"),
            ErrorCode.INVALID_FIELD,
            "at ms 2147483648 exceeds 2^31-1"),
        Arguments.of(
            "u64 with the top bit set",
            call("13", "8000000000000000" + "0000000000000000".repeat(8)),
            ErrorCode.INVALID_FIELD,
            "frames in 9223372036854775808 exceeds 2^63-1"),
        Arguments.of(
            "confidence NaN",
            call("20", "00000001" + "01" + "00000000" + "00000000" + "7fc00000" + "0000"),
            ErrorCode.INVALID_FIELD,
            "confidence NaN is not in [0, 1]"),
        Arguments.of(
            "transcript flags with a reserved bit",
            call("20", "00000001" + "05" + "00000000" + "00000000" + "3f800000" + "0000"),
            ErrorCode.INVALID_FIELD,
            "TRANSCRIPT flags 0x5 set reserved bits"),
        Arguments.of(
            "end before start",
            call("20", "00000001" + "01" + "00000010" + "00000001" + "3f800000" + "0000"),
            ErrorCode.INVALID_FIELD,
            "end ms 1 is before start ms 16"),
        Arguments.of(
            "bad DTMF digit",
            call("24", "78"),
            ErrorCode.INVALID_FIELD,
            "DTMF_RECEIVED DTMF digit 120 is not 0-9*#A-D"),
        Arguments.of(
            "load over 1000 permille",
            frame("01", "03", NONE, "00000001" + "03e9"),
            ErrorCode.INVALID_FIELD,
            "load permille is 1001"),
        Arguments.of(
            "connection message with a call id",
            frame("01", "03", CALL, "00000001" + "0001"),
            ErrorCode.INVALID_CALL_ID,
            "HEARTBEAT is connection-level but carries a call id"),
        Arguments.of(
            "call message without a call id",
            frame("01", "31", NONE, ""),
            ErrorCode.INVALID_CALL_ID,
            "CLEAR carries no call id"),
        Arguments.of(
            "HELLO max version below min",
            frame(
                "01", "01", NONE, "02" + "01" + "00000001" + "0001" + "6e" + "0005" + "77733a2f2f"),
            ErrorCode.INVALID_FIELD,
            "max version is 1, not in [2, 255]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readerRejectsAtAnOffset(String name, String hex, ErrorCode code, String reason) {
    byte[] bytes = Hex.parse(hex);
    ByteBuf buf = Unpooled.buffer().writeZero(3).writeBytes(bytes).writeZero(2);
    try {
      ProtocolException e =
          catchThrowableOfType(
              ProtocolException.class,
              () -> new ProtocolReader(ProtocolLimits.DEFAULT).read(buf, 3, bytes.length));
      assertThat(e).as(name).isNotNull();
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.reason()).contains(reason);
    } finally {
      buf.release();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void streamingDecoderRejectsWholeAndDiscardsTheRest(
      String name, String hex, ErrorCode code, String reason) {
    ByteBuf buf = Unpooled.buffer().writeBytes(Hex.parse(hex));
    ByteBuf valid = Unpooled.buffer();
    new ProtocolEncoder().encode(new Heartbeat(1, 1), valid);
    try (ProtocolDecoder decoder = new ProtocolDecoder()) {
      ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> decoder.next(buf));
      assertThat(e).as(name).isNotNull();
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.reason()).contains(reason);
      assertThat(buf.isReadable()).isFalse();
      assertThat(decoder.isFailed()).isTrue();
      assertThat(decoder.next(valid)).isNull();
      assertThat(valid.isReadable()).isFalse();
    } finally {
      buf.release();
      valid.release();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void streamingDecoderRejectsByteByByte(String name, String hex, ErrorCode code, String reason) {
    byte[] bytes = Hex.parse(hex);
    try (ProtocolDecoder decoder = new ProtocolDecoder()) {
      ProtocolException failure = null;
      for (int i = 0; i < bytes.length && failure == null; i++) {
        ByteBuf one = Unpooled.wrappedBuffer(bytes, i, 1);
        try {
          assertThat(decoder.next(one)).isNull();
        } catch (ProtocolException e) {
          failure = e;
        }
      }
      assertThat(failure).as(name).isNotNull();
      assertThat(failure.code()).isEqualTo(code);
      assertThat(failure.reason()).contains(reason);
    }
  }

  @Test
  void handshakeMessagesAreReadWhateverTheirVersion() {
    // HELLO's layout is frozen so a node speaking only versions 3..4 can still say so.
    String hello =
        frame("03", "01", NONE, "03" + "04" + "00000001" + "0001" + "6e" + "0005" + "77733a2f2f");
    ByteBuf buf = Unpooled.wrappedBuffer(Hex.parse(hello));
    assertThat(new ProtocolDecoder().next(buf)).isEqualTo(new Hello("n", 3, 4, 1, "ws://"));
  }

  @Test
  void anOversizedLengthFailsBeforeAnyBodyArrives() {
    ByteBuf prefix = Unpooled.wrappedBuffer(Hex.parse("7fffffff"));
    ProtocolException e =
        catchThrowableOfType(ProtocolException.class, () -> new ProtocolDecoder().next(prefix));
    assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
  }

  @Test
  void aBadTypeFailsAsSoonAsItsHeaderArrives() {
    ByteBuf head = Unpooled.wrappedBuffer(Hex.parse("0000ff00" + "017f0000"));
    ProtocolDecoder decoder = new ProtocolDecoder();
    assertThat(decoder.next(head.readSlice(6))).isNull();
    ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> decoder.next(head));
    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_MESSAGE_TYPE);
  }
}
