package dev.parley.emulator.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * SIMULATION ONLY: writes the messages Twilio sends on a bidirectional Media Stream.
 *
 * <pre>
 * connected  {"event":"connected","protocol":"Call","version":"1.0.0"}
 * start      {"event":"start","sequenceNumber":"1","start":{"accountSid","streamSid","callSid",
 *             "tracks":["inbound"],"customParameters":{..},"mediaFormat":{"encoding":
 *             "audio/x-mulaw","sampleRate":8000,"channels":1}},"streamSid":"MZ.."}
 * media      {"event":"media","sequenceNumber":"n","media":{"track":"inbound","chunk":"c",
 *             "timestamp":"ms","payload":"&lt;base64 of 160 bytes&gt;"},"streamSid":"MZ.."}
 * mark       {"event":"mark","sequenceNumber":"n","streamSid":"MZ..","mark":{"name":".."}}
 * dtmf       {"event":"dtmf","streamSid":"MZ..","sequenceNumber":"n","dtmf":{"track":
 *             "inbound_track","digit":"5"}}
 * stop       {"event":"stop","sequenceNumber":"n","streamSid":"MZ..","stop":{"accountSid","callSid"}}
 * </pre>
 *
 * Numeric counters are strings, as Twilio sends them. The media writer is the per-frame path: it
 * allocates only the pooled buffer it returns (Base64 goes through the caller's scratch array).
 * Every message is written after {@link ClientFrames#HEADROOM} spare bytes, so it can be framed in
 * place.
 */
final class TwilioStreamMessages {

  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] MEDIA_HEAD =
      "{\"event\":\"media\",\"sequenceNumber\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MEDIA_CHUNK =
      "\",\"media\":{\"track\":\"inbound\",\"chunk\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MEDIA_TIMESTAMP =
      "\",\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MEDIA_PAYLOAD =
      "\",\"payload\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MEDIA_STREAM_SID =
      "\"},\"streamSid\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MEDIA_END = "\"}".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private TwilioStreamMessages() {}

  static ByteBuf media(
      ByteBufAllocator alloc,
      byte[] streamSidAscii,
      long sequenceNumber,
      long chunk,
      long timestampMs,
      byte[] frame,
      byte[] base64Scratch) {
    int b64 = BASE64.encode(frame, base64Scratch);
    ByteBuf buf = ClientFrames.messageBuffer(alloc, 160 + b64 + streamSidAscii.length);
    buf.writeBytes(MEDIA_HEAD);
    writeDecimal(buf, sequenceNumber);
    buf.writeBytes(MEDIA_CHUNK);
    writeDecimal(buf, chunk);
    buf.writeBytes(MEDIA_TIMESTAMP);
    writeDecimal(buf, timestampMs);
    buf.writeBytes(MEDIA_PAYLOAD);
    buf.writeBytes(base64Scratch, 0, b64);
    buf.writeBytes(MEDIA_STREAM_SID);
    buf.writeBytes(streamSidAscii);
    buf.writeBytes(MEDIA_END);
    return buf;
  }

  static ByteBuf connected(ByteBufAllocator alloc) {
    return write(
        alloc,
        g -> {
          g.writeStringField("event", "connected");
          g.writeStringField("protocol", "Call");
          g.writeStringField("version", "1.0.0");
        });
  }

  static ByteBuf start(
      ByteBufAllocator alloc,
      long seq,
      String accountSid,
      String streamSid,
      String callSid,
      Map<String, String> customParameters) {
    return write(
        alloc,
        g -> {
          g.writeStringField("event", "start");
          g.writeStringField("sequenceNumber", Long.toString(seq));
          g.writeObjectFieldStart("start");
          g.writeStringField("accountSid", accountSid);
          g.writeStringField("streamSid", streamSid);
          g.writeStringField("callSid", callSid);
          g.writeArrayFieldStart("tracks");
          g.writeString("inbound");
          g.writeEndArray();
          g.writeObjectFieldStart("customParameters");
          for (Map.Entry<String, String> p : customParameters.entrySet()) {
            g.writeStringField(p.getKey(), p.getValue());
          }
          g.writeEndObject();
          g.writeObjectFieldStart("mediaFormat");
          g.writeStringField("encoding", "audio/x-mulaw");
          g.writeNumberField("sampleRate", 8000);
          g.writeNumberField("channels", 1);
          g.writeEndObject();
          g.writeEndObject();
          g.writeStringField("streamSid", streamSid);
        });
  }

  static ByteBuf mark(ByteBufAllocator alloc, long seq, String streamSid, String name) {
    return write(
        alloc,
        g -> {
          g.writeStringField("event", "mark");
          g.writeStringField("sequenceNumber", Long.toString(seq));
          g.writeStringField("streamSid", streamSid);
          g.writeObjectFieldStart("mark");
          g.writeStringField("name", name);
          g.writeEndObject();
        });
  }

  static ByteBuf dtmf(ByteBufAllocator alloc, long seq, String streamSid, char digit) {
    return write(
        alloc,
        g -> {
          g.writeStringField("event", "dtmf");
          g.writeStringField("streamSid", streamSid);
          g.writeStringField("sequenceNumber", Long.toString(seq));
          g.writeObjectFieldStart("dtmf");
          g.writeStringField("track", "inbound_track");
          g.writeStringField("digit", String.valueOf(digit));
          g.writeEndObject();
        });
  }

  static ByteBuf stop(
      ByteBufAllocator alloc, long seq, String streamSid, String accountSid, String callSid) {
    return write(
        alloc,
        g -> {
          g.writeStringField("event", "stop");
          g.writeStringField("sequenceNumber", Long.toString(seq));
          g.writeStringField("streamSid", streamSid);
          g.writeObjectFieldStart("stop");
          g.writeStringField("accountSid", accountSid);
          g.writeStringField("callSid", callSid);
          g.writeEndObject();
        });
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static ByteBuf write(ByteBufAllocator alloc, Body body) {
    ByteBuf buf = ClientFrames.messageBuffer(alloc, 256);
    try (JsonGenerator g =
        JSON.createGenerator((java.io.OutputStream) new ByteBufOutputStream(buf))) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      buf.release();
      throw new UncheckedIOException(e);
    }
    return buf;
  }

  private static void writeDecimal(ByteBuf buf, long value) {
    if (value == 0) {
      buf.writeByte('0');
      return;
    }
    int digits = 0;
    for (long v = value; v > 0; v /= 10) {
      digits++;
    }
    int at = buf.writerIndex() + digits;
    buf.ensureWritable(digits);
    for (long v = value; v > 0; v /= 10) {
      buf.setByte(--at, (int) ('0' + v % 10));
    }
    buf.writerIndex(buf.writerIndex() + digits);
  }
}
