package dev.parley.media.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.media.realtime.RealtimeServerEvent.AudioDelta;
import dev.parley.media.realtime.RealtimeServerEvent.AudioDone;
import dev.parley.media.realtime.RealtimeServerEvent.AudioTranscriptDelta;
import dev.parley.media.realtime.RealtimeServerEvent.AudioTranscriptDone;
import dev.parley.media.realtime.RealtimeServerEvent.Error;
import dev.parley.media.realtime.RealtimeServerEvent.FunctionCallDone;
import dev.parley.media.realtime.RealtimeServerEvent.Ignored;
import dev.parley.media.realtime.RealtimeServerEvent.InputTranscript;
import dev.parley.media.realtime.RealtimeServerEvent.OutputItemAdded;
import dev.parley.media.realtime.RealtimeServerEvent.RateLimits;
import dev.parley.media.realtime.RealtimeServerEvent.ResponseCreated;
import dev.parley.media.realtime.RealtimeServerEvent.ResponseDone;
import dev.parley.media.realtime.RealtimeServerEvent.SessionCreated;
import dev.parley.media.realtime.RealtimeServerEvent.SessionUpdated;
import dev.parley.media.realtime.RealtimeServerEvent.SpeechStarted;
import dev.parley.media.realtime.RealtimeServerEvent.SpeechStopped;
import dev.parley.media.twilio.Base64Codec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one Realtime server event (a WebSocket text message) into a {@link RealtimeServerEvent}.
 * The one error funnel: anything that breaks the protocol is a {@link RealtimeProtocolException}
 * with a specific reason. Server events come a few per second, not per 20 ms frame, so a Jackson
 * tree per event is fine; audio is decoded with the table codec into an exact-size array.
 */
public final class RealtimeEventReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int maxEventBytes;

  public RealtimeEventReader(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  /** Reads {@code length} UTF-8 bytes of {@code json} from {@code offset}. */
  public RealtimeServerEvent read(byte[] json, int offset, int length) {
    if (length > maxEventBytes) {
      throw new RealtimeProtocolException(
          "server event is " + length + " bytes, limit " + maxEventBytes);
    }
    JsonNode node;
    try {
      node = JSON.readTree(json, offset, length);
    } catch (JsonProcessingException e) {
      throw new RealtimeProtocolException("server event is not JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new RealtimeProtocolException("server event unreadable: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new RealtimeProtocolException("server event is not a JSON object");
    }
    String type = text(node, "type", "event");
    return switch (type) {
      case "session.created" -> new SessionCreated(optionalText(node.path("session"), "id"));
      case "session.updated" -> new SessionUpdated();
      case "input_audio_buffer.speech_started" ->
          new SpeechStarted(text(node, "item_id", type), ms(node, "audio_start_ms", type));
      case "input_audio_buffer.speech_stopped" ->
          new SpeechStopped(text(node, "item_id", type), ms(node, "audio_end_ms", type));
      case "conversation.item.input_audio_transcription.completed" ->
          new InputTranscript(text(node, "item_id", type), text(node, "transcript", type));
      case "response.created" -> new ResponseCreated(text(node.path("response"), "id", type));
      case "response.output_item.added" -> outputItem(node, type);
      case "response.output_audio.delta" ->
          new AudioDelta(
              text(node, "response_id", type),
              text(node, "item_id", type),
              node.path("content_index").asInt(0),
              audio(text(node, "delta", type)));
      case "response.output_audio.done" ->
          new AudioDone(text(node, "response_id", type), text(node, "item_id", type));
      case "response.output_audio_transcript.delta" ->
          new AudioTranscriptDelta(text(node, "item_id", type), text(node, "delta", type));
      case "response.output_audio_transcript.done" ->
          new AudioTranscriptDone(text(node, "item_id", type), text(node, "transcript", type));
      case "response.function_call_arguments.done" ->
          new FunctionCallDone(
              text(node, "response_id", type),
              text(node, "item_id", type),
              text(node, "call_id", type),
              text(node, "arguments", type));
      case "response.done" ->
          new ResponseDone(
              text(node.path("response"), "id", type),
              optionalText(node.path("response"), "status"));
      case "error" -> error(node.path("error"));
      case "rate_limits.updated" -> new RateLimits(node.path("rate_limits").toString());
      default -> new Ignored(type);
    };
  }

  /** Reads a whole text message held in a String (tests and logs). */
  public RealtimeServerEvent read(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return read(b, 0, b.length);
  }

  private static OutputItemAdded outputItem(JsonNode node, String type) {
    JsonNode item = node.path("item");
    if (!item.isObject()) {
      throw new RealtimeProtocolException(type + " has no item object");
    }
    return new OutputItemAdded(
        optionalText(node, "response_id"),
        text(item, "id", type + " item"),
        text(item, "type", type + " item"),
        optionalText(item, "name"));
  }

  private static Error error(JsonNode e) {
    if (!e.isObject()) {
      throw new RealtimeProtocolException("error event has no error object");
    }
    return new Error(
        optionalText(e, "type"),
        optionalText(e, "code"),
        optionalText(e, "message"),
        optionalText(e, "event_id"));
  }

  private static byte[] audio(String base64) {
    byte[] chars = base64.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[Base64Codec.maxDecodedLength(chars.length)];
    int n = Base64Codec.decode(chars, 0, chars.length, out, 0);
    if (n == Base64Codec.INVALID) {
      throw new RealtimeProtocolException("audio delta is not base64 (" + chars.length + " chars)");
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new RealtimeProtocolException(where + " has no string field " + field);
    }
    return v.textValue();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() ? "" : v.textValue();
  }

  private static int ms(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToInt() || v.intValue() < 0) {
      throw new RealtimeProtocolException(where + " has no non-negative integer " + field);
    }
    return v.intValue();
  }
}
