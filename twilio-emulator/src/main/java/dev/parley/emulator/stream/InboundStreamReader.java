package dev.parley.emulator.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * SIMULATION ONLY: reads what the application sends Twilio on a bidirectional Media Stream:
 *
 * <pre>
 * media  {"event":"media","streamSid":"MZ..","media":{"payload":"&lt;base64 μ-law&gt;"}}
 * mark   {"event":"mark","streamSid":"MZ..","mark":{"name":".."}}
 * clear  {"event":"clear","streamSid":"MZ.."}
 * </pre>
 *
 * Streaming parse (no tree); a payload's length is checked before it is decoded. Other events are
 * reported by name and otherwise ignored, as Twilio ignores them. A media message in the compact
 * form above, byte for byte (what Parley's media server sends), skips the JSON parser: its payload
 * is decoded where it lies; anything else takes the general path.
 */
final class InboundStreamReader {

  /** What a message turned out to be. */
  interface Handler {
    void onMedia(byte[] ulaw);

    void onMark(String name);

    void onClear();

    void onOther(String event);
  }

  private static final JsonFactory JSON = new JsonFactory();

  private static final byte[] MEDIA_SUFFIX = "\"}}".getBytes(StandardCharsets.US_ASCII);

  private final int maxPayloadChars;

  /** The compact media prefix for {@link #prefixSid}, up to the payload's opening quote. */
  private byte[] mediaPrefix = new byte[0];

  private String prefixSid;
  private byte[] base64 = new byte[0];

  InboundStreamReader(int maxPayloadChars) {
    this.maxPayloadChars = maxPayloadChars;
  }

  void read(ByteBuf text, String expectedStreamSid, Handler handler)
      throws MediaStreamProtocolException {
    if (readCompactMedia(text, expectedStreamSid, handler)) {
      return;
    }
    String event = null;
    String payload = null;
    String markName = null;
    String streamSid = null;
    try (InputStream in = new ByteBufInputStream(text.duplicate());
        JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MediaStreamProtocolException("message is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "event" -> event = p.getValueAsString();
          case "streamSid" -> streamSid = p.getValueAsString();
          case "media" -> payload = objectField(p, value, "payload", maxPayloadChars);
          case "mark" -> markName = objectField(p, value, "name", 1024);
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new MediaStreamProtocolException("malformed JSON: " + e.getMessage());
    }
    if (event == null) {
      throw new MediaStreamProtocolException("message has no \"event\"");
    }
    if (streamSid != null && !streamSid.equals(expectedStreamSid)) {
      throw new MediaStreamProtocolException(
          "streamSid " + streamSid + " is not this stream's " + expectedStreamSid);
    }
    switch (event) {
      case "media" -> {
        if (payload == null) {
          throw new MediaStreamProtocolException("media message has no media.payload");
        }
        try {
          handler.onMedia(Base64.getDecoder().decode(payload));
        } catch (IllegalArgumentException e) {
          throw new MediaStreamProtocolException(
              "media payload of " + payload.length() + " chars is not Base64");
        }
      }
      case "mark" -> {
        if (markName == null) {
          throw new MediaStreamProtocolException("mark message has no mark.name");
        }
        handler.onMark(markName);
      }
      case "clear" -> handler.onClear();
      default -> handler.onOther(event);
    }
  }

  /**
   * Reads {@code {"event":"media","streamSid":"<ours>","media":{"payload":"<base64>"}}} exactly;
   * false (nothing consumed) for any other bytes, which then go through the JSON parser.
   */
  private boolean readCompactMedia(ByteBuf text, String streamSid, Handler handler) {
    if (!streamSid.equals(prefixSid)) {
      prefixSid = streamSid;
      mediaPrefix =
          ("{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{\"payload\":\"")
              .getBytes(StandardCharsets.UTF_8);
    }
    int start = text.readerIndex();
    int chars = text.readableBytes() - mediaPrefix.length - MEDIA_SUFFIX.length;
    if (chars < 0 || chars > maxPayloadChars) {
      return false;
    }
    int end = start + text.readableBytes();
    for (int i = 0; i < MEDIA_SUFFIX.length; i++) {
      if (text.getByte(end - MEDIA_SUFFIX.length + i) != MEDIA_SUFFIX[i]) {
        return false;
      }
    }
    for (int i = 0; i < mediaPrefix.length; i++) {
      if (text.getByte(start + i) != mediaPrefix[i]) {
        return false;
      }
    }
    if (base64.length != chars) {
      base64 = new byte[chars];
    }
    text.getBytes(start + mediaPrefix.length, base64);
    byte[] ulaw;
    try {
      ulaw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      // Not base64 (for example a quote inside): let the JSON parser say what it is.
      return false;
    }
    handler.onMedia(ulaw);
    return true;
  }

  private static String objectField(JsonParser p, JsonToken start, String wanted, int maxChars)
      throws IOException, MediaStreamProtocolException {
    if (start != JsonToken.START_OBJECT) {
      throw new MediaStreamProtocolException("\"" + p.currentName() + "\" is not an object");
    }
    String found = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (wanted.equals(name)) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
          throw new MediaStreamProtocolException("\"" + wanted + "\" is not a string");
        }
        int length = p.getTextLength();
        if (length > maxChars) {
          throw new MediaStreamProtocolException(
              "\"" + wanted + "\" is " + length + " chars, over the limit of " + maxChars);
        }
        found = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return found;
  }
}
