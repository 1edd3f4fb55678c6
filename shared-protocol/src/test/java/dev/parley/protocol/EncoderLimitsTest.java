package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderLimitsTest {
  private static final ProtocolLimits LIMITS = ProtocolLimits.DEFAULT;

  private static ProtocolMessage roundTrip(ProtocolMessage message) {
    ByteBuf buf = Unpooled.buffer();
    try {
      new ProtocolEncoder().encode(message, buf);
      return new ProtocolReader(LIMITS).read(buf, 0, buf.readableBytes());
    } finally {
      buf.release();
    }
  }

  @Test
  void everyStringAtItsLimitRoundTrips() {
    // Multi-byte characters: the limit counts UTF-8 bytes, not chars (3 bytes per '€').
    String id = "€".repeat(LIMITS.maxIdBytes() / 3) + "x".repeat(LIMITS.maxIdBytes() % 3);
    SessionStart start =
        new SessionStart(
            Samples.CALL,
            CallDirection.INBOUND,
            id,
            "+123456789012345",
            "+999999999999999",
            id,
            id,
            id,
            id,
            SpeechMode.SPEECH_TO_SPEECH,
            "t".repeat(LIMITS.maxTokenBytes()),
            "g".repeat(LIMITS.maxTextBytes()),
            "😀".repeat(LIMITS.maxInstructionsBytes() / 4),
            new VadTuning(65535, 65535, -0.0f, Float.MAX_VALUE, 65535, false));
    assertThat(roundTrip(start)).isEqualTo(start);
    ToolCall call =
        new ToolCall(Samples.CALL, id, id, "[" + "1".repeat(LIMITS.maxJsonBytes() - 2) + "]");
    assertThat(roundTrip(call)).isEqualTo(call);
    SendDtmf dtmf = new SendDtmf(Samples.CALL, "0123456789*#ABCDw".repeat(4).substring(0, 64));
    assertThat(roundTrip(dtmf)).isEqualTo(dtmf);
  }

  @Test
  void unpairedSurrogatesBecomeQuestionMarksOnBothStringPaths() {
    String shortText = "a\uD800b";
    String longText = "x".repeat(ProtocolEncoder.SCRATCH_CHARS) + shortText;
    assertThat(((Hangup) roundTrip(new Hangup(Samples.CALL, shortText))).reason()).isEqualTo("a?b");
    assertThat(((Hangup) roundTrip(new Hangup(Samples.CALL, longText))).reason())
        .isEqualTo("x".repeat(ProtocolEncoder.SCRATCH_CHARS) + "a?b");
  }

  @Test
  void oneEncoderWritesShortAndLongStringsInTurn() {
    ProtocolEncoder encoder = new ProtocolEncoder();
    ByteBuf buf = Unpooled.buffer();
    try {
      List<ProtocolMessage> sent = new ArrayList<>();
      for (int n : new int[] {0, 1, 100, 1023, 1024, 1025, 2700, 3, 1024}) {
        sent.add(
            new Speak(Samples.CALL, n, 0, true, false, "é".repeat(n / 2) + "z".repeat(n - n / 2)));
      }
      for (ProtocolMessage m : sent) {
        encoder.encode(m, buf);
      }
      List<ProtocolMessage> received = new ArrayList<>();
      new ProtocolDecoder().decode(buf, received);
      assertThat(received).isEqualTo(sent);
    } finally {
      buf.release();
    }
  }

  @Test
  void aStringOverItsLimitIsRefusedAndNothingIsWritten() {
    ByteBuf buf = Unpooled.buffer().writeByte(0x55);
    try {
      String text = "é".repeat(LIMITS.maxTextBytes() / 2) + "x";
      ProtocolException e =
          catchThrowableOfType(
              ProtocolException.class,
              () ->
                  new ProtocolEncoder()
                      .encode(new Speak(Samples.CALL, 1, 0, true, true, text), buf));
      assertThat(e.code()).isEqualTo(ErrorCode.FIELD_TOO_LONG);
      assertThat(e.reason()).isEqualTo("SPEAK text is 4097 bytes, limit 4096");
      assertThat(buf.writerIndex()).isEqualTo(1);
    } finally {
      buf.release();
    }
  }

  @Test
  void aFrameOverTheFrameLimitIsRefused() {
    ProtocolLimits small = LIMITS.withMaxFrameLength(100);
    ByteBuf buf = Unpooled.buffer();
    try {
      ProtocolException e =
          catchThrowableOfType(
              ProtocolException.class,
              () ->
                  new ProtocolEncoder(small, 1)
                      .encode(new Hangup(Samples.CALL, "r".repeat(79)), buf));
      assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
      assertThat(e.reason()).isEqualTo("HANGUP frame is 101 bytes, limit 100");
      assertThat(buf.writerIndex()).isZero();
      new ProtocolEncoder(small, 1).encode(new Hangup(Samples.CALL, "r".repeat(78)), buf);
      assertThat(buf.getInt(0)).isEqualTo(100);
    } finally {
      buf.release();
    }
  }

  @Test
  void recordsRefuseValuesTheWireCannotCarry() {
    assertThatThrownBy(() -> new Speak(ProtocolMessage.NO_CALL, 1, 0, true, true, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("call id is all-zero");
    assertThatThrownBy(
            () -> new Transcript(Samples.CALL, 1, Transcript.Speaker.CALLEE, true, 0, 1, 1.5f, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Transcript(Samples.CALL, 1, null, true, 0, 1, 1f, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("speaker");
    assertThatThrownBy(() -> new BargeIn(Samples.CALL, -1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SendDtmf(Samples.CALL, "12x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Hello("n", 1, 1, 1, "http://x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VadTuning(0, 1, 1, 1, 1, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new SessionStart(
                    Samples.CALL,
                    CallDirection.INBOUND,
                    "t",
                    "0044",
                    "",
                    "en",
                    "v",
                    "s",
                    "t",
                    SpeechMode.PIPELINE,
                    "",
                    "",
                    "",
                    VadTuning.DEFAULTS))
        .hasMessage("remote number is not E.164: '0044'");
  }

  @Test
  void versionNegotiationPicksTheHighestCommonVersion() {
    assertThat(ProtocolVersion.negotiate(1, 1)).isEqualTo(1);
    assertThat(ProtocolVersion.negotiate(1, 9)).isEqualTo(ProtocolVersion.MAX);
    assertThat(ProtocolVersion.negotiate(2, 9)).isEqualTo(-1);
  }

  @Test
  void limitsRefuseStringLimitsAU16CannotCarry() {
    assertThatThrownBy(() -> new ProtocolLimits(65536, 65536, 1, 1, 1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LIMITS.withMaxFrameLength(10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void connectionErrorsCloseAndCallErrorsDoNot() {
    assertThat(ErrorCode.MALFORMED_FRAME.closesConnection()).isTrue();
    assertThat(ErrorCode.UNKNOWN_CALL.closesConnection()).isFalse();
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ErrorCode.fromCode(code.code())).isSameAs(code);
    }
    ErrorMessage error = new ProtocolException(ErrorCode.INVALID_FIELD, "x").toErrorMessage();
    assertThat(error)
        .isEqualTo(new ErrorMessage(ProtocolMessage.NO_CALL, ErrorCode.INVALID_FIELD, "x"));
  }
}
