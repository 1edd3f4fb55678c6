package dev.parley.media.twilio;

import static dev.parley.media.twilio.TwilioFrameLayout.*;

import dev.parley.media.server.MediaLimits;
import dev.parley.media.twilio.TwilioFrameException.Kind;
import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads inbound Twilio frames by scanning their bytes: finds the event, and for {@code media} the
 * track, chunk, timestamp and payload, decoding the base64 payload straight into a reused array.
 * {@code mark} names are read the same way. Every other event is left to {@link TwilioEventParser}.
 *
 * <p>Allocates nothing per frame: the frame is copied once into a scratch array sized by {@link
 * MediaLimits#maxFrameBytes()} (checked first), and the payload lands in a reused array ({@link
 * PayloadBase64} decodes it, with scratch of its own). One instance per call, used on the call's
 * event loop only.
 */
public final class TwilioFrameScanner {

  /** The kinds of frame the scanner tells apart. */
  public enum Event {
    MEDIA,
    MARK,
    START,
    STOP,
    DTMF,
    CONNECTED
  }

  private final MediaLimits limits;
  private final byte[] frame;
  private final byte[] payload;
  private final PayloadBase64 base64;
  private int frameLength;
  private int payloadLength;
  private boolean inboundTrack;
  private long timestamp;
  private long chunk;
  private long markNumber;
  private long fixedLayoutFrames;

  public TwilioFrameScanner(MediaLimits limits) {
    this(limits, PayloadBase64.defaultEngine());
  }

  /** A scanner decoding payloads with {@code engine} (tests cover both). */
  TwilioFrameScanner(MediaLimits limits, PayloadBase64.Engine engine) {
    this.limits = limits;
    this.frame = new byte[limits.maxFrameBytes()];
    this.payload = new byte[limits.maxMediaPayloadBytes()];
    this.base64 = new PayloadBase64(engine);
  }

  /**
   * Scans one text frame without changing its reader index.
   *
   * @throws TwilioFrameException for an oversized frame, a frame that is not a JSON object, a
   *     missing or unknown event, or a media frame whose payload is not base64 of a legal length
   */
  public Event scan(ByteBuf buf) throws TwilioFrameException {
    int len = buf.readableBytes();
    if (len > frame.length) {
      throw new TwilioFrameException(
          Kind.OVERSIZED, true, "frame is " + len + " bytes, limit " + frame.length);
    }
    buf.getBytes(buf.readerIndex(), frame, 0, len);
    frameLength = len;
    if (twilioMedia(len)) {
      return Event.MEDIA;
    }
    int start = skipWhitespace(0, len);
    int end = len;
    while (end > start && isWhitespace(frame[end - 1])) {
      end--;
    }
    if (start >= end || frame[start] != '{' || frame[end - 1] != '}') {
      throw new TwilioFrameException(Kind.BAD_JSON, false, "frame is not a JSON object");
    }
    int ev = valueStart(KEY_EVENT, start, end);
    if (ev < 0 || frame[ev] != '"') {
      throw new TwilioFrameException(Kind.BAD_JSON, false, "frame has no string \"event\"");
    }
    int evEnd = stringEnd(ev + 1, end);
    if (evEnd < 0) {
      throw new TwilioFrameException(Kind.BAD_JSON, false, "unterminated \"event\" value");
    }
    int evLen = evEnd - ev - 1;
    if (regionEquals(ev + 1, evLen, EVENT_MEDIA)) {
      scanMedia(start, evEnd + 1, end);
      return Event.MEDIA;
    }
    if (regionEquals(ev + 1, evLen, EVENT_MARK)) {
      scanMark(start, end);
      return Event.MARK;
    }
    if (regionEquals(ev + 1, evLen, EVENT_START)) {
      return Event.START;
    }
    if (regionEquals(ev + 1, evLen, EVENT_STOP)) {
      return Event.STOP;
    }
    if (regionEquals(ev + 1, evLen, EVENT_DTMF)) {
      return Event.DTMF;
    }
    if (regionEquals(ev + 1, evLen, EVENT_CONNECTED)) {
      return Event.CONNECTED;
    }
    throw new TwilioFrameException(
        Kind.UNKNOWN_EVENT,
        false,
        "unknown event '"
            + new String(
                frame, ev + 1, Math.min(evLen, 32), java.nio.charset.StandardCharsets.US_ASCII)
            + "'");
  }

  private void scanMedia(int start, int afterEvent, int end) throws TwilioFrameException {
    // Keys are looked for in the order Twilio writes them (after "event"), each search starting
    // where the last value began, so a Twilio frame is scanned once; another order costs a second
    // search.
    int t = valueAfter(KEY_TRACK, afterEvent, start, end);
    int c = valueAfter(KEY_CHUNK, t, start, end);
    int ts = valueAfter(KEY_TIMESTAMP, Math.max(t, c), start, end);
    int p = valueAfter(KEY_PAYLOAD, Math.max(Math.max(t, c), ts), start, end);
    if (p < 0 || frame[p] != '"') {
      throw new TwilioFrameException(Kind.BAD_PAYLOAD, false, "media frame has no payload");
    }
    int pEnd = stringEnd(p + 1, end);
    if (pEnd < 0) {
      throw new TwilioFrameException(Kind.BAD_PAYLOAD, false, "media payload is unterminated");
    }
    int chars = pEnd - p - 1;
    if ((chars & 3) != 0 || chars == 0) {
      throw new TwilioFrameException(
          Kind.BAD_PAYLOAD,
          false,
          "media payload is " + chars + " base64 chars, not a positive multiple of 4");
    }
    if (Base64Codec.maxDecodedLength(chars) - 2 > payload.length) {
      throw new TwilioFrameException(
          Kind.BAD_PAYLOAD,
          false,
          "media payload is "
              + chars
              + " base64 chars, over the "
              + payload.length
              + " byte limit");
    }
    int n = base64.decode(frame, p + 1, chars, payload);
    if (n == Base64Codec.INVALID) {
      throw new TwilioFrameException(Kind.BAD_PAYLOAD, false, "media payload is not valid base64");
    }
    payloadLength = n;
    // Lenient: a frame without a track is the inbound track, the only one we ask Twilio for.
    inboundTrack = t < 0 || !(frame[t] == '"' && startsWith(t + 1, TRACK_OUTBOUND));
    timestamp = numberAt(ts, end);
    chunk = numberAt(c, end);
  }

  /**
   * The fast path: reads a media frame laid out exactly as Twilio writes it ({@link
   * TwilioFrameLayout#MEDIA_HEAD} and the pieces after it), comparing the fixed parts eight bytes
   * at a time and expecting the payload to end where Twilio's stream SID puts its end. Returns
   * false, having set nothing the caller reads, for any other frame; the general scan then reads it
   * (the same values for the same JSON) or says what is wrong with it.
   */
  private boolean twilioMedia(int len) {
    if (len < MEDIA_HEAD.length || frame[len - 1] != '}' || !matches(0, MEDIA_HEAD)) {
      return false;
    }
    int i = digitsEnd(MEDIA_HEAD.length, len);
    if (i < 0 || !matches(i, MEDIA_TRACK)) {
      return false;
    }
    i += MEDIA_TRACK.length;
    boolean inbound = matches(i, MEDIA_INBOUND_CHUNK);
    if (inbound) {
      i += MEDIA_INBOUND_CHUNK.length;
    } else if (matches(i, MEDIA_OUTBOUND_CHUNK)) {
      i += MEDIA_OUTBOUND_CHUNK.length;
    } else {
      return false;
    }
    int chunkStart = i;
    i = digitsEnd(i, len);
    if (i < 0 || !matches(i, MEDIA_TIMESTAMP)) {
      return false;
    }
    int chunkEnd = i;
    i += MEDIA_TIMESTAMP.length;
    int stampStart = i;
    i = digitsEnd(i, len);
    if (i < 0 || !matches(i, MEDIA_PAYLOAD)) {
      return false;
    }
    int stampEnd = i;
    i += MEDIA_PAYLOAD.length;
    // Where the payload's closing quote sits when a 34-character stream SID ends the frame, as
    // Twilio's do; else looked for. Decoding checks every character, so a quote inside fails it.
    int pEnd = len - MEDIA_TAIL_FROM_END;
    if (pEnd < i || !matches(pEnd, MEDIA_TAIL)) {
      pEnd = stringEnd(i, len);
    }
    int chars = pEnd - i;
    if (chars <= 0
        || (chars & 3) != 0
        || Base64Codec.maxDecodedLength(chars) - 2 > payload.length) {
      return false;
    }
    int n = base64.decode(frame, i, chars, payload);
    if (n == Base64Codec.INVALID) {
      return false;
    }
    payloadLength = n;
    fixedLayoutFrames++;
    inboundTrack = inbound;
    chunk = digitsValue(chunkStart, chunkEnd);
    timestamp = digitsValue(stampStart, stampEnd);
    return true;
  }

  /**
   * End of a run of 1 to 18 decimal digits from {@code from} (as {@link #numberAt} reads), or -1
   * when there is none or it is longer.
   */
  private int digitsEnd(int from, int end) {
    int i = from;
    int limit = Math.min(end, from + 18);
    while (i < limit && frame[i] >= '0' && frame[i] <= '9') {
      i++;
    }
    return i == from || (i == limit && i < end && frame[i] >= '0' && frame[i] <= '9') ? -1 : i;
  }

  private long digitsValue(int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (frame[i] - '0');
    }
    return v;
  }

  /** Whether {@code s} sits at {@code off} in the frame; s is at least 8 bytes long. */
  private boolean matches(int off, byte[] s) {
    int n = s.length;
    if (off + n > frameLength) {
      return false;
    }
    int k = 0;
    for (; k + 8 < n; k += 8) {
      if ((long) LONG_LE.get(frame, off + k) != (long) LONG_LE.get(s, k)) {
        return false;
      }
    }
    // The last eight bytes, overlapping the words before.
    return (long) LONG_LE.get(frame, off + n - 8) == (long) LONG_LE.get(s, n - 8);
  }

  /**
   * {@link #valueStart} from {@code hint} when it is a position, else (or if absent) from {@code
   * start}.
   */
  private int valueAfter(byte[] key, int hint, int start, int end) {
    if (hint > start) {
      int v = valueStart(key, hint, end);
      if (v >= 0) {
        return v;
      }
    }
    return valueStart(key, start, end);
  }

  private void scanMark(int start, int end) throws TwilioFrameException {
    int n = valueStart(KEY_NAME, start, end);
    if (n < 0 || frame[n] != '"') {
      throw new TwilioFrameException(Kind.BAD_JSON, false, "mark frame has no name");
    }
    markNumber = numberAt(n, end);
  }

  /**
   * Reads a non-negative decimal that may be quoted (Twilio sends numbers as strings); -1 when
   * absent or not a number.
   */
  private long numberAt(int pos, int end) {
    if (pos < 0) {
      return -1;
    }
    int i = pos;
    boolean quoted = frame[i] == '"';
    if (quoted) {
      i++;
    }
    long v = 0;
    int digits = 0;
    while (i < end && frame[i] >= '0' && frame[i] <= '9' && digits < 18) {
      v = v * 10 + (frame[i] - '0');
      i++;
      digits++;
    }
    if (digits == 0 || (quoted && (i >= end || frame[i] != '"'))) {
      return -1;
    }
    return v;
  }

  /** Index of the first byte of the value after {@code key}, or -1 when the key is absent. */
  private int valueStart(byte[] key, int from, int end) {
    int limit = end - key.length;
    // Keys start with a quote, and quotes are common: test the letter after it first.
    byte second = key[1];
    outer:
    for (int i = from; i <= limit; i++) {
      if (frame[i + 1] != second || frame[i] != '"') {
        continue;
      }
      for (int k = 2; k < key.length; k++) {
        if (frame[i + k] != key[k]) {
          continue outer;
        }
      }
      int j = skipWhitespace(i + key.length, end);
      if (j < end && frame[j] == ':') {
        j = skipWhitespace(j + 1, end);
        return j < end ? j : -1;
      }
    }
    return -1;
  }

  /** Index of the closing quote of a string whose content starts at {@code from}; -1 if none. */
  private int stringEnd(int from, int end) {
    int i = from;
    // Eight bytes at a time until a word holds a quote or a backslash (the media payload is 216
    // bytes of neither); the byte loop below then finds which.
    while (i + 8 <= end && !hasQuoteOrBackslash((long) LONG_LE.get(frame, i))) {
      i += 8;
    }
    for (; i < end; i++) {
      byte b = frame[i];
      if (b == '"') {
        return i;
      }
      if (b == '\\') {
        // Escapes never appear in the values we scan; treat one as malformed rather than decode it.
        return -1;
      }
    }
    return -1;
  }

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** Whether any byte of {@code word} is a quote or a backslash ("has a zero byte" on XORs). */
  private static boolean hasQuoteOrBackslash(long word) {
    long q = word ^ (ONES * '"');
    long b = word ^ (ONES * '\\');
    return ((((q - ONES) & ~q) | ((b - ONES) & ~b)) & HIGHS) != 0;
  }

  private int skipWhitespace(int i, int end) {
    while (i < end && isWhitespace(frame[i])) {
      i++;
    }
    return i;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private boolean regionEquals(int off, int len, byte[] s) {
    return len == s.length && startsWith(off, s);
  }

  private boolean startsWith(int off, byte[] s) {
    if (off + s.length > frameLength) {
      return false;
    }
    for (int k = 0; k < s.length; k++) {
      if (frame[off + k] != s[k]) {
        return false;
      }
    }
    return true;
  }

  /** The decoded μ-law payload of the last media frame; valid until the next scan. */
  public byte[] payload() {
    return payload;
  }

  public int payloadLength() {
    return payloadLength;
  }

  /** True when the last media frame carried the inbound (callee) track. */
  public boolean inboundTrack() {
    return inboundTrack;
  }

  /** Media timestamp in ms from the stream start, -1 when absent. */
  public long timestamp() {
    return timestamp;
  }

  /** Media chunk number, -1 when absent. */
  public long chunk() {
    return chunk;
  }

  /** The last mark's name as a number, -1 when the name is not one of ours. */
  public long markNumber() {
    return markNumber;
  }

  /** The raw bytes of the last frame, for the Jackson parse of control events. */
  public byte[] frameBytes() {
    return frame;
  }

  public int frameLength() {
    return frameLength;
  }

  /** Media frames read by the fixed-layout fast path (the rest went through the key scan). */
  long fixedLayoutFrames() {
    return fixedLayoutFrames;
  }

  MediaLimits limits() {
    return limits;
  }
}
