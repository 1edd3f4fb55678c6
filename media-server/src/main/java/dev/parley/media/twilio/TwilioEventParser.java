package dev.parley.media.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.media.server.MediaLimits;
import dev.parley.media.twilio.TwilioFrameException.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the rare control events ({@code start}, {@code dtmf}, {@code stop}) with Jackson. These
 * arrive a handful of times per call, so a JSON tree is affordable here and nowhere else.
 */
public final class TwilioEventParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final MediaLimits limits;

  public TwilioEventParser(MediaLimits limits) {
    this.limits = limits;
  }

  /** Parses a {@code start} frame and checks its media format is 8 kHz mono μ-law. */
  public TwilioEvents.Start parseStart(byte[] frame, int length) throws TwilioFrameException {
    JsonNode root = tree(frame, length);
    JsonNode start = root.path("start");
    if (!start.isObject()) {
      throw new TwilioFrameException(Kind.BAD_START, true, "start frame has no start object");
    }
    String streamSid = text(start, "streamSid");
    if (streamSid == null) {
      streamSid = text(root, "streamSid");
    }
    if (streamSid == null || streamSid.isEmpty() || !isPlainAscii(streamSid)) {
      throw new TwilioFrameException(Kind.BAD_START, true, "start frame has no usable streamSid");
    }
    List<String> tracks = new ArrayList<>();
    for (JsonNode t : start.path("tracks")) {
      tracks.add(t.asText());
    }
    JsonNode params = start.path("customParameters");
    Map<String, String> custom = new LinkedHashMap<>();
    if (params.isObject()) {
      if (params.size() > limits.maxCustomParameters()) {
        throw new TwilioFrameException(
            Kind.BAD_START,
            true,
            "start has "
                + params.size()
                + " custom parameters, limit "
                + limits.maxCustomParameters());
      }
      Iterator<Map.Entry<String, JsonNode>> it = params.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        custom.put(e.getKey(), e.getValue().asText());
      }
    }
    JsonNode format = start.path("mediaFormat");
    String encoding = text(format, "encoding");
    int rate = format.path("sampleRate").asInt(-1);
    int channels = format.path("channels").asInt(-1);
    if (!TwilioFrameLayout.ENCODING.equals(encoding)
        || rate != TwilioFrameLayout.SAMPLE_RATE
        || channels != TwilioFrameLayout.CHANNELS) {
      throw new TwilioFrameException(
          Kind.BAD_MEDIA_FORMAT,
          true,
          "media format is "
              + encoding
              + "/"
              + rate
              + "Hz/"
              + channels
              + "ch, need audio/x-mulaw/8000Hz/1ch");
    }
    return new TwilioEvents.Start(
        streamSid,
        text(start, "accountSid"),
        text(start, "callSid"),
        List.copyOf(tracks),
        Map.copyOf(custom),
        encoding,
        rate,
        channels);
  }

  /** Parses a {@code dtmf} frame. */
  public TwilioEvents.Dtmf parseDtmf(byte[] frame, int length) throws TwilioFrameException {
    JsonNode dtmf = tree(frame, length).path("dtmf");
    String digit = text(dtmf, "digit");
    if (digit == null || digit.length() != 1 || "0123456789*#ABCD".indexOf(digit.charAt(0)) < 0) {
      throw new TwilioFrameException(Kind.BAD_JSON, false, "dtmf frame has no valid digit");
    }
    return new TwilioEvents.Dtmf(text(dtmf, "track"), digit);
  }

  /** Parses a {@code stop} frame. */
  public TwilioEvents.Stop parseStop(byte[] frame, int length) throws TwilioFrameException {
    JsonNode stop = tree(frame, length).path("stop");
    return new TwilioEvents.Stop(text(stop, "accountSid"), text(stop, "callSid"));
  }

  private static JsonNode tree(byte[] frame, int length) throws TwilioFrameException {
    try {
      JsonNode node = MAPPER.readTree(frame, 0, length);
      if (node == null || !node.isObject()) {
        throw new TwilioFrameException(Kind.BAD_JSON, false, "frame is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new TwilioFrameException(
          Kind.BAD_JSON, false, "frame is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new TwilioFrameException(
          Kind.BAD_JSON, false, "frame could not be read: " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  /** The stream SID is echoed verbatim into our JSON frames, so it must need no escaping. */
  private static boolean isPlainAscii(String s) {
    if (s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
        return false;
      }
    }
    return true;
  }
}
