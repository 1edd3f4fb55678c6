package dev.parley.media.speech.deepgram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The messages Deepgram's live transcription socket ({@code /v1/listen}) sends, read from their
 * JSON. Only the fields Parley uses are kept; anything else in a message is ignored.
 *
 * <pre>
 * {"type":"Results","start":1.02,"duration":0.98,"is_final":true,"speech_final":false,
 *  "from_finalize":false,"channel":{"alternatives":[{"transcript":"...","confidence":0.97}]}}
 * {"type":"UtteranceEnd","channel":[0],"last_word_end":2.5}
 * {"type":"SpeechStarted","channel":[0],"timestamp":0.5}
 * {"type":"Metadata","request_id":"...","duration":45.5,...}
 * {"type":"Error","description":"...","message":"...","variant":"..."}
 * </pre>
 */
sealed interface ListenMessage {

  /** A transcript of the audio from {@code start} for {@code duration} seconds. */
  record Results(
      double start,
      double duration,
      boolean isFinal,
      boolean speechFinal,
      boolean fromFinalize,
      String transcript,
      float confidence)
      implements ListenMessage {}

  /**
   * No word for {@code utterance_end_ms} after the last one, which ended at {@code lastWordEnd}.
   */
  record UtteranceEnd(double lastWordEnd) implements ListenMessage {}

  /** Deepgram's own voice activity detector heard speech start (with {@code vad_events}). */
  record SpeechStarted(double timestamp) implements ListenMessage {}

  /** The stream's summary, sent when it closes; names the request for support tickets. */
  record Metadata(String requestId) implements ListenMessage {}

  /** An error report; Deepgram closes the stream after it. */
  record Error(String description) implements ListenMessage {}

  /** A message type this client does not use. */
  record Other(String type) implements ListenMessage {}

  /** Reads one text message; throws {@link IllegalArgumentException} for JSON it cannot read. */
  static ListenMessage parse(ObjectMapper json, String text) {
    JsonNode n;
    try {
      n = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message is not JSON: " + e.getOriginalMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("message is not a JSON object");
    }
    String type = n.path("type").asText("");
    return switch (type) {
      case "Results" -> {
        JsonNode alt = n.path("channel").path("alternatives").path(0);
        yield new Results(
            n.path("start").asDouble(0),
            n.path("duration").asDouble(0),
            n.path("is_final").asBoolean(false),
            n.path("speech_final").asBoolean(false),
            n.path("from_finalize").asBoolean(false),
            alt.path("transcript").asText(""),
            (float) alt.path("confidence").asDouble(0));
      }
      case "UtteranceEnd" -> new UtteranceEnd(n.path("last_word_end").asDouble(0));
      case "SpeechStarted" -> new SpeechStarted(n.path("timestamp").asDouble(0));
      case "Metadata" -> new Metadata(n.path("request_id").asText(""));
      case "Error" -> new Error(firstText(n, "description", "message", "variant", "err_msg"));
      default -> new Other(type);
    };
  }

  private static String firstText(JsonNode n, String... fields) {
    for (String f : fields) {
      String v = n.path(f).asText("");
      if (!v.isEmpty()) {
        return v;
      }
    }
    return "no description";
  }
}
