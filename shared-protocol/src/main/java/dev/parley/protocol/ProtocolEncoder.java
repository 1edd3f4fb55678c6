package dev.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes messages as frames. Allocates nothing per message: numbers are written in place, and each
 * string is encoded as UTF-8 into the buffer with its u16 length patched in afterwards.
 *
 * <p>Strings of up to {@value #SCRATCH_CHARS} chars go through the JDK's array-based UTF-8 encoder
 * into a scratch array, then into the buffer in one copy: its ASCII loop is an intrinsic, about
 * twice as fast for a 100-char text as Netty's char-by-char {@link ByteBufUtil#writeUtf8(ByteBuf,
 * CharSequence)}, which longer strings use. That scratch state makes an encoder <b>not
 * thread-safe</b>: use one per connection (or thread); they are cheap.
 */
public final class ProtocolEncoder {
  /** Longest string encoded through the scratch arrays (2 KiB of chars, 3 KiB of bytes). */
  static final int SCRATCH_CHARS = 1024;

  private final ProtocolLimits limits;
  private final int version;
  private final CharsetEncoder utf8 =
      StandardCharsets.UTF_8
          .newEncoder()
          // Unpaired surrogates become '?', as Netty's writer does for the longer strings.
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private char[] chars;
  private byte[] bytes;
  private CharBuffer charView;
  private ByteBuffer byteView;

  /** An encoder for {@link ProtocolLimits#DEFAULT} writing {@link ProtocolVersion#MAX}. */
  public ProtocolEncoder() {
    this(ProtocolLimits.DEFAULT, ProtocolVersion.MAX);
  }

  /** An encoder enforcing {@code limits} and writing frames of {@code version}. */
  public ProtocolEncoder(ProtocolLimits limits, int version) {
    if (!ProtocolVersion.isSupported(version)) {
      throw new IllegalArgumentException("unsupported protocol version " + version);
    }
    this.limits = limits;
    this.version = version;
  }

  /**
   * Appends {@code message} as one frame at {@code out}'s writer index. If a string exceeds its
   * limit or the frame exceeds the maximum frame length, nothing is appended and a {@link
   * ProtocolException} (FIELD_TOO_LONG or FRAME_TOO_LARGE) is thrown.
   */
  public void encode(ProtocolMessage message, ByteBuf out) {
    int start = out.writerIndex();
    MessageType type = message.type();
    UUID callId = message.callId();
    out.writeInt(0);
    // version u8, type u8, flags u16 = 0
    out.writeInt(version << 24 | type.code() << 16);
    out.writeLong(callId.getMostSignificantBits());
    out.writeLong(callId.getLeastSignificantBits());
    try {
      writeBody(message, type, out);
    } catch (ProtocolException e) {
      out.writerIndex(start);
      throw e;
    }
    int length = out.writerIndex() - start - FrameLayout.LENGTH_FIELD_LENGTH;
    if (length > limits.maxFrameLength()) {
      out.writerIndex(start);
      throw new ProtocolException(
          ErrorCode.FRAME_TOO_LARGE,
          type + " frame is " + length + " bytes, limit " + limits.maxFrameLength());
    }
    out.setInt(start, length);
  }

  private void writeBody(ProtocolMessage message, MessageType type, ByteBuf out) {
    switch (type) {
      case HELLO:
        {
          Hello m = (Hello) message;
          out.writeByte(m.minVersion());
          out.writeByte(m.maxVersion());
          out.writeInt(m.capacity());
          string(out, m.nodeId(), StringKind.ID, type, "node id");
          string(out, m.mediaUrl(), StringKind.URL, type, "media URL");
          return;
        }
      case HELLO_ACK:
        {
          HelloAck m = (HelloAck) message;
          out.writeByte(m.version());
          out.writeInt(m.heartbeatIntervalMs());
          return;
        }
      case HEARTBEAT:
        {
          Heartbeat m = (Heartbeat) message;
          out.writeInt(m.activeCalls());
          out.writeShort(m.loadPermille());
          return;
        }
      case ERROR:
        {
          ErrorMessage m = (ErrorMessage) message;
          out.writeShort(m.code().code());
          string(out, m.text(), StringKind.TEXT, type, "text");
          return;
        }
      case SESSION_START:
        writeSessionStart((SessionStart) message, type, out);
        return;
      case SESSION_READY:
        out.writeInt(((SessionReady) message).greetingSynthMs());
        return;
      case SESSION_END:
        {
          SessionEnd m = (SessionEnd) message;
          out.writeByte(m.reason().code());
          string(out, m.text(), StringKind.TEXT, type, "text");
          return;
        }
      case CALL_STATS:
        {
          CallStats m = (CallStats) message;
          out.writeLong(m.framesIn());
          out.writeLong(m.framesOut());
          out.writeLong(m.bytesIn());
          out.writeLong(m.bytesOut());
          out.writeLong(m.droppedFrames());
          out.writeLong(m.bargeIns());
          out.writeLong(m.playoutGaps());
          out.writeLong(m.maxInboundNanos());
          out.writeLong(m.meanInboundNanos());
          return;
        }
      case TRANSCRIPT:
        {
          Transcript m = (Transcript) message;
          out.writeInt(m.utteranceSeq());
          out.writeByte(m.flags());
          out.writeInt(m.startMs());
          out.writeInt(m.endMs());
          out.writeFloat(m.confidence());
          string(out, m.text(), StringKind.TEXT, type, "text");
          return;
        }
      case SPEECH_STARTED:
        out.writeInt(((SpeechStarted) message).atMs());
        return;
      case SPEECH_STOPPED:
        out.writeInt(((SpeechStopped) message).atMs());
        return;
      case BARGE_IN:
        {
          BargeIn m = (BargeIn) message;
          out.writeInt(m.utteranceId());
          out.writeInt(m.msHeard());
          out.writeInt(m.atMs());
          return;
        }
      case DTMF_RECEIVED:
        out.writeByte(((DtmfReceived) message).digit());
        return;
      case UTTERANCE_PLAYED:
        {
          UtterancePlayed m = (UtterancePlayed) message;
          out.writeInt(m.utteranceId());
          out.writeInt(m.msPlayed());
          out.writeByte(m.complete() ? 1 : 0);
          return;
        }
      case SPEAK:
        {
          Speak m = (Speak) message;
          out.writeInt(m.utteranceId());
          out.writeInt(m.chunkSeq());
          out.writeByte(m.lastChunk() ? 1 : 0);
          out.writeByte(m.interruptible() ? 1 : 0);
          string(out, m.text(), StringKind.TEXT, type, "text");
          return;
        }
      case CLEAR:
        return;
      case SEND_DTMF:
        string(out, ((SendDtmf) message).digits(), StringKind.DIGITS, type, "digits");
        return;
      case HANGUP:
        string(out, ((Hangup) message).reason(), StringKind.TEXT, type, "reason");
        return;
      case TOOL_CALL:
        {
          ToolCall m = (ToolCall) message;
          string(out, m.toolCallId(), StringKind.ID, type, "tool call id");
          string(out, m.name(), StringKind.ID, type, "name");
          string(out, m.argumentsJson(), StringKind.JSON, type, "arguments");
          return;
        }
      case TOOL_RESULT:
        {
          ToolResult m = (ToolResult) message;
          string(out, m.toolCallId(), StringKind.ID, type, "tool call id");
          string(out, m.outputJson(), StringKind.JSON, type, "output");
          return;
        }
      default:
        throw new AssertionError(type);
    }
  }

  private void writeSessionStart(SessionStart m, MessageType type, ByteBuf out) {
    VadTuning t = m.tuning();
    out.writeByte(m.direction().code());
    out.writeByte(m.speechMode().code());
    out.writeShort(t.onsetFrames());
    out.writeShort(t.hangoverFrames());
    out.writeFloat(t.vadThresholdDb());
    out.writeFloat(t.echoReturnLossDb());
    out.writeShort(t.maxEchoDelayMs());
    out.writeByte(t.bargeInEnabled() ? 1 : 0);
    string(out, m.tenantId(), StringKind.ID, type, "tenant id");
    string(out, m.remoteNumber(), StringKind.E164, type, "remote number");
    string(out, m.localNumber(), StringKind.E164, type, "local number");
    string(out, m.language(), StringKind.ID, type, "language");
    string(out, m.voice(), StringKind.ID, type, "voice");
    string(out, m.sttProvider(), StringKind.ID, type, "STT provider");
    string(out, m.ttsProvider(), StringKind.ID, type, "TTS provider");
    string(out, m.streamToken(), StringKind.TOKEN, type, "stream token");
    string(out, m.greeting(), StringKind.TEXT, type, "greeting");
    string(out, m.instructions(), StringKind.INSTRUCTIONS, type, "instructions");
  }

  /** u16 byte length, then the UTF-8 bytes; the length is patched once the bytes are written. */
  private void string(ByteBuf out, String value, StringKind kind, MessageType type, String field) {
    int lengthIndex = out.writerIndex();
    out.writeShort(0);
    int written = writeUtf8(out, value);
    int max = limits.maxBytes(kind);
    if (written > max) {
      throw new ProtocolException(
          ErrorCode.FIELD_TOO_LONG, type + " " + field + " is " + written + " bytes, limit " + max);
    }
    out.setShort(lengthIndex, written);
  }

  private int writeUtf8(ByteBuf out, String value) {
    int length = value.length();
    if (length == 0) {
      return 0;
    }
    if (length > SCRATCH_CHARS) {
      return ByteBufUtil.writeUtf8(out, value);
    }
    if (chars == null) {
      chars = new char[SCRATCH_CHARS];
      bytes = new byte[SCRATCH_CHARS * 3];
      charView = CharBuffer.wrap(chars);
      byteView = ByteBuffer.wrap(bytes);
    }
    value.getChars(0, length, chars, 0);
    charView.clear().limit(length);
    byteView.clear();
    // At most 3 bytes per char, so the scratch never overflows and one call encodes everything.
    utf8.reset().encode(charView, byteView, true);
    int written = byteView.position();
    out.writeBytes(bytes, 0, written);
    return written;
  }
}
