package dev.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.CharsetUtil;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Decodes one complete frame from {@code (buffer, offset, length)} with absolute reads: it moves no
 * buffer index and, once warm, allocates nothing but the message (its record, strings and call id);
 * a scratch array for strings of direct buffers grows to the longest string seen. Every length is
 * checked against the frame's end and the limits before anything is read, so malformed input never
 * over-reads and always ends in one {@link ProtocolException}. The envelope (length prefix, header,
 * call id) is checked by {@link FrameHeaders}; the body's fields are read here.
 *
 * <p>Not thread-safe (it keeps a read cursor during a call): use one instance per connection or
 * thread.
 */
public final class ProtocolReader {
  private final ProtocolLimits limits;
  private final FrameHeaders headers;

  /**
   * Holds a string's bytes while the JDK decodes them when the buffer has no backing array; grown
   * on demand, at most to the largest string limit. Netty's own temporary array is thread-local
   * only on its event-loop threads and a fresh array everywhere else.
   */
  private byte[] scratch = new byte[128];

  private ByteBuf buf;
  private int pos;
  private int end;
  private MessageType type;

  /** A reader enforcing {@code limits}. */
  public ProtocolReader(ProtocolLimits limits) {
    this.limits = limits;
    this.headers = new FrameHeaders(limits);
  }

  /** The envelope checks this reader applies, for the decoder to run on a frame's first bytes. */
  FrameHeaders headers() {
    return headers;
  }

  /**
   * Decodes the frame that occupies exactly {@code length} bytes at {@code offset} of {@code buf},
   * length prefix included.
   *
   * @throws ProtocolException if the bytes are not exactly one valid frame
   * @throws IndexOutOfBoundsException if the range lies outside {@code buf}'s written bytes
   */
  public ProtocolMessage read(ByteBuf buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.writerIndex() - length) {
      throw new IndexOutOfBoundsException(
          "range " + offset + "+" + length + " outside 0.." + buf.writerIndex());
    }
    if (length < FrameLayout.LENGTH_FIELD_LENGTH) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          "frame is " + length + " bytes, shorter than its length prefix");
    }
    long prefix = buf.getUnsignedInt(offset);
    headers.checkFrameLength(prefix);
    int frameLength = length - FrameLayout.LENGTH_FIELD_LENGTH;
    if (prefix != frameLength) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          "length prefix says " + prefix + " bytes but " + frameLength + " follow it");
    }
    return readFrame(buf, offset + FrameLayout.LENGTH_FIELD_LENGTH, frameLength);
  }

  /** Decodes the frame of {@code frameLength} bytes that follows a length prefix at offset. */
  ProtocolMessage readFrame(ByteBuf buf, int offset, int frameLength) {
    MessageType t = headers.checkHeader(buf, offset, frameLength);
    UUID callId = FrameHeaders.callId(buf, offset + FrameLayout.CALL_ID_OFFSET, t);
    this.buf = buf;
    this.type = t;
    this.pos = offset + FrameLayout.HEADER_LENGTH;
    this.end = offset + frameLength;
    try {
      return readBody(t, callId);
    } catch (IllegalArgumentException e) {
      // A record constructor refused a value that is well-formed on the wire but out of range.
      throw new ProtocolException(ErrorCode.INVALID_FIELD, t + " " + e.getMessage());
    } finally {
      this.buf = null;
      this.type = null;
    }
  }

  private ProtocolMessage readBody(MessageType t, UUID callId) {
    switch (t) {
      case HELLO:
        {
          int min = u8();
          int max = u8();
          int capacity = u31("capacity");
          String nodeId = string(StringKind.ID, "node id");
          String url = string(StringKind.URL, "media URL");
          finish();
          return new Hello(nodeId, min, max, capacity, url);
        }
      case HELLO_ACK:
        {
          int version = u8();
          int interval = u31("heartbeat interval ms");
          finish();
          return new HelloAck(version, interval);
        }
      case HEARTBEAT:
        {
          int calls = u31("active calls");
          int load = u16();
          finish();
          return new Heartbeat(calls, load);
        }
      case ERROR:
        {
          int code = u16();
          ErrorCode errorCode = ErrorCode.fromCode(code);
          if (errorCode == null) {
            throw invalid("error code " + code + " is undefined");
          }
          String text = string(StringKind.TEXT, "text");
          finish();
          return new ErrorMessage(callId, errorCode, text);
        }
      case SESSION_START:
        return readSessionStart(callId);
      case SESSION_READY:
        {
          int ms = u31("greeting synth ms");
          finish();
          return new SessionReady(callId, ms);
        }
      case SESSION_END:
        {
          int code = u8();
          SessionEndReason reason = SessionEndReason.fromCode(code);
          if (reason == null) {
            throw invalid("reason code " + code + " is undefined");
          }
          String text = string(StringKind.TEXT, "text");
          finish();
          return new SessionEnd(callId, reason, text);
        }
      case CALL_STATS:
        {
          long framesIn = u63("frames in");
          long framesOut = u63("frames out");
          long bytesIn = u63("bytes in");
          long bytesOut = u63("bytes out");
          long dropped = u63("dropped frames");
          long bargeIns = u63("barge-ins");
          long gaps = u63("playout gaps");
          long maxNs = u63("max inbound ns");
          long meanNs = u63("mean inbound ns");
          finish();
          return new CallStats(
              callId, framesIn, framesOut, bytesIn, bytesOut, dropped, bargeIns, gaps, maxNs,
              meanNs);
        }
      case TRANSCRIPT:
        {
          int seq = u31("utterance seq");
          int flags = u8();
          if ((flags & ~(Transcript.FLAG_FINAL | Transcript.FLAG_AGENT)) != 0) {
            throw invalid("flags 0x" + Integer.toHexString(flags) + " set reserved bits");
          }
          int startMs = u31("start ms");
          int endMs = u31("end ms");
          float confidence = f32();
          String text = string(StringKind.TEXT, "text");
          finish();
          return new Transcript(
              callId,
              seq,
              (flags & Transcript.FLAG_AGENT) != 0
                  ? Transcript.Speaker.AGENT
                  : Transcript.Speaker.CALLEE,
              (flags & Transcript.FLAG_FINAL) != 0,
              startMs,
              endMs,
              confidence,
              text);
        }
      case SPEECH_STARTED:
        {
          int at = u31("at ms");
          finish();
          return new SpeechStarted(callId, at);
        }
      case SPEECH_STOPPED:
        {
          int at = u31("at ms");
          finish();
          return new SpeechStopped(callId, at);
        }
      case BARGE_IN:
        {
          int utterance = u31("utterance id");
          int heard = u31("ms heard");
          int at = u31("at ms");
          finish();
          return new BargeIn(callId, utterance, heard, at);
        }
      case DTMF_RECEIVED:
        {
          char digit = (char) u8();
          finish();
          return new DtmfReceived(callId, digit);
        }
      case UTTERANCE_PLAYED:
        {
          int utterance = u31("utterance id");
          int played = u31("ms played");
          boolean complete = bool("complete flag");
          finish();
          return new UtterancePlayed(callId, utterance, played, complete);
        }
      case SPEAK:
        {
          int utterance = u31("utterance id");
          int chunk = u31("chunk seq");
          boolean last = bool("final flag");
          boolean interruptible = bool("interruptible flag");
          String text = string(StringKind.TEXT, "text");
          finish();
          return new Speak(callId, utterance, chunk, last, interruptible, text);
        }
      case CLEAR:
        finish();
        return new Clear(callId);
      case SEND_DTMF:
        {
          String digits = string(StringKind.DIGITS, "digits");
          finish();
          return new SendDtmf(callId, digits);
        }
      case HANGUP:
        {
          String reason = string(StringKind.TEXT, "reason");
          finish();
          return new Hangup(callId, reason);
        }
      case TOOL_CALL:
        {
          String id = string(StringKind.ID, "tool call id");
          String name = string(StringKind.ID, "name");
          String args = string(StringKind.JSON, "arguments");
          finish();
          return new ToolCall(callId, id, name, args);
        }
      case TOOL_RESULT:
        {
          String id = string(StringKind.ID, "tool call id");
          String output = string(StringKind.JSON, "output");
          finish();
          return new ToolResult(callId, id, output);
        }
      default:
        throw new AssertionError(t);
    }
  }

  private SessionStart readSessionStart(UUID callId) {
    int directionCode = u8();
    CallDirection direction = CallDirection.fromCode(directionCode);
    if (direction == null) {
      throw invalid("direction code " + directionCode + " is undefined");
    }
    int modeCode = u8();
    SpeechMode mode = SpeechMode.fromCode(modeCode);
    if (mode == null) {
      throw invalid("speech mode code " + modeCode + " is undefined");
    }
    int onset = u16();
    int hangover = u16();
    float vadDb = f32();
    float erlDb = f32();
    int maxEchoDelay = u16();
    boolean bargeIn = bool("barge-in flag");
    String tenant = string(StringKind.ID, "tenant id");
    String remote = string(StringKind.E164, "remote number");
    String local = string(StringKind.E164, "local number");
    String language = string(StringKind.ID, "language");
    String voice = string(StringKind.ID, "voice");
    String stt = string(StringKind.ID, "STT provider");
    String tts = string(StringKind.ID, "TTS provider");
    String token = string(StringKind.TOKEN, "stream token");
    String greeting = string(StringKind.TEXT, "greeting");
    String instructions = string(StringKind.INSTRUCTIONS, "instructions");
    finish();
    return new SessionStart(
        callId,
        direction,
        tenant,
        remote,
        local,
        language,
        voice,
        stt,
        tts,
        mode,
        token,
        greeting,
        instructions,
        new VadTuning(onset, hangover, vadDb, erlDb, maxEchoDelay, bargeIn));
  }

  private void need(int bytes) {
    if (bytes > end - pos) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          type + " body ends " + (bytes - (end - pos)) + " bytes short of its fields");
    }
  }

  private int u8() {
    need(1);
    return buf.getUnsignedByte(pos++);
  }

  private int u16() {
    need(2);
    int v = buf.getUnsignedShort(pos);
    pos += 2;
    return v;
  }

  /** A u32 that must fit a Java int (top bit clear). */
  private int u31(String field) {
    need(4);
    int v = buf.getInt(pos);
    if (v < 0) {
      throw invalid(field + " " + (v & 0xFFFFFFFFL) + " exceeds 2^31-1");
    }
    pos += 4;
    return v;
  }

  /** A u64 that must fit a Java long (top bit clear). */
  private long u63(String field) {
    need(8);
    long v = buf.getLong(pos);
    if (v < 0) {
      throw invalid(field + " " + Long.toUnsignedString(v) + " exceeds 2^63-1");
    }
    pos += 8;
    return v;
  }

  private float f32() {
    need(4);
    float v = buf.getFloat(pos);
    pos += 4;
    return v;
  }

  private boolean bool(String field) {
    need(1);
    int v = buf.getUnsignedByte(pos);
    if (v > 1) {
      throw invalid(field + " is " + v + ", not 0 or 1");
    }
    pos++;
    return v == 1;
  }

  private String string(StringKind kind, String field) {
    need(2);
    int length = buf.getUnsignedShort(pos);
    int max = limits.maxBytes(kind);
    if (length > max) {
      throw new ProtocolException(
          ErrorCode.FIELD_TOO_LONG, type + " " + field + " is " + length + " bytes, limit " + max);
    }
    if (length > end - pos - 2) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME,
          type + " " + field + " of " + length + " bytes runs past the frame end");
    }
    pos += 2;
    if (length == 0) {
      return "";
    }
    String value;
    if (buf.hasArray()) {
      value = new String(buf.array(), buf.arrayOffset() + pos, length, StandardCharsets.UTF_8);
    } else {
      if (scratch.length < length) {
        scratch = new byte[Math.max(length, Math.min(2 * scratch.length, 0xFFFF))];
      }
      buf.getBytes(pos, scratch, 0, length);
      value = new String(scratch, 0, length, StandardCharsets.UTF_8);
    }
    // The JDK decoder replaces malformed input with U+FFFD; only then is a strict check worth it
    // (an ASCII string cannot contain U+FFFD, so its indexOf returns at once).
    if (value.indexOf('\uFFFD') >= 0 && !ByteBufUtil.isText(buf, pos, length, CharsetUtil.UTF_8)) {
      throw invalid(field + " is not valid UTF-8");
    }
    pos += length;
    return value;
  }

  private void finish() {
    if (pos != end) {
      throw new ProtocolException(
          ErrorCode.MALFORMED_FRAME, type + " has " + (end - pos) + " trailing bytes");
    }
  }

  private ProtocolException invalid(String reason) {
    return new ProtocolException(ErrorCode.INVALID_FIELD, type + " " + reason);
  }
}
