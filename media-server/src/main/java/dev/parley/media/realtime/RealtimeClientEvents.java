package dev.parley.media.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.media.twilio.Base64Codec;
import dev.parley.media.twilio.PayloadBase64;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Writes the Realtime client events a call sends (GA interface, see {@link RealtimeClient}). The
 * per-frame one, {@code input_audio_buffer.append}, goes straight into a pooled buffer: the inbound
 * μ-law is base64-encoded ({@link PayloadBase64}) into a reused array between a fixed prefix and
 * suffix, so per 20 ms frame it allocates only the pooled buffer. The others are built with Jackson
 * (a few per turn).
 */
final class RealtimeClientEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final byte[] APPEND_PREFIX =
      "{\"type\":\"input_audio_buffer.append\",\"audio\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] APPEND_SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);

  private final PayloadBase64 base64 = new PayloadBase64();
  private byte[] scratch = new byte[Base64Codec.encodedLength(160)];

  /**
   * {@code session.update}: the task's plan as instructions, G.711 μ-law both ways, server VAD that
   * reports speech but leaves interrupting to us (the node decides barge-in from what Twilio has
   * played), transcription of the callee, and the tool catalog.
   */
  static String sessionUpdate(RealtimeConfig config, String instructions, String language) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "session.update");
    ObjectNode s = root.putObject("session");
    s.put("type", "realtime");
    s.putArray("output_modalities").add("audio");
    s.put("instructions", instructions);
    ObjectNode audio = s.putObject("audio");
    ObjectNode in = audio.putObject("input");
    in.putObject("format").put("type", "audio/pcmu");
    ObjectNode transcription = in.putObject("transcription");
    transcription.put("model", config.transcriptionModel());
    String lang = isoLanguage(language);
    if (!lang.isEmpty()) {
      transcription.put("language", lang);
    }
    ObjectNode vad = in.putObject("turn_detection");
    vad.put("type", "server_vad");
    vad.put("create_response", true);
    vad.put("interrupt_response", false);
    ObjectNode out = audio.putObject("output");
    out.putObject("format").put("type", "audio/pcmu");
    out.put("voice", config.voice());
    s.set("tools", RealtimeTools.definitions());
    s.put("tool_choice", "auto");
    return write(root);
  }

  /** {@code response.create}; with non-empty {@code instructions} for this response only. */
  static String responseCreate(String instructions) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "response.create");
    if (!instructions.isEmpty()) {
      root.putObject("response").put("instructions", instructions);
    }
    return write(root);
  }

  /** {@code response.cancel} of {@code responseId}. */
  static String responseCancel(String responseId) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "response.cancel");
    root.put("response_id", responseId);
    return write(root);
  }

  /** {@code conversation.item.truncate}: the assistant item was heard up to {@code audioEndMs}. */
  static String truncate(String itemId, int contentIndex, int audioEndMs) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "conversation.item.truncate");
    root.put("item_id", itemId);
    root.put("content_index", contentIndex);
    root.put("audio_end_ms", audioEndMs);
    return write(root);
  }

  /** {@code conversation.item.create} of a {@code function_call_output} item. */
  static String functionCallOutput(String callId, String output) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "conversation.item.create");
    ObjectNode item = root.putObject("item");
    item.put("type", "function_call_output");
    item.put("call_id", callId);
    item.put("output", output);
    return write(root);
  }

  /** {@code input_audio_buffer.append} of {@code len} μ-law bytes, in a buffer the caller owns. */
  ByteBuf audioAppend(ByteBufAllocator alloc, byte[] mulaw, int off, int len) {
    int need = Base64Codec.encodedLength(len);
    if (scratch.length < need) {
      scratch = new byte[need];
    }
    int n = base64.encode(mulaw, off, len, scratch);
    ByteBuf buf = alloc.buffer(APPEND_PREFIX.length + n + APPEND_SUFFIX.length);
    buf.writeBytes(APPEND_PREFIX).writeBytes(scratch, 0, n).writeBytes(APPEND_SUFFIX);
    return buf;
  }

  /** The ISO-639-1 part of a BCP 47 tag ("en-US" to "en"), which is what transcription takes. */
  static String isoLanguage(String bcp47) {
    if (bcp47 == null || bcp47.isBlank()) {
      return "";
    }
    int dash = bcp47.indexOf('-');
    String primary = dash < 0 ? bcp47 : bcp47.substring(0, dash);
    return primary.length() == 2 ? primary.toLowerCase(java.util.Locale.ROOT) : "";
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a client event", e);
    }
  }
}
