package dev.parley.agent.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Messages API stream events the way Anthropic sends them: {@code event: <type>} and {@code
 * data: <json>} lines and a blank line, from message_start through message_stop, with pings.
 */
final class AnthropicWire {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> events = new ArrayList<>();
  private int index = -1;

  static AnthropicWire stream(int inputTokens) {
    AnthropicWire w = new AnthropicWire();
    ObjectNode start = JSON.createObjectNode().put("type", "message_start");
    ObjectNode m =
        start
            .putObject("message")
            .put("id", "msg_01ParleyDental")
            .put("type", "message")
            .put("role", "assistant")
            .put("model", "claude-haiku-4-5-20251001");
    m.putArray("content");
    m.putNull("stop_reason");
    m.putNull("stop_sequence");
    m.putObject("usage")
        .put("input_tokens", inputTokens)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0)
        .put("output_tokens", 1);
    w.add("message_start", start);
    w.add("ping", JSON.createObjectNode().put("type", "ping"));
    return w;
  }

  /** A text block streamed in {@code pieces}. */
  AnthropicWire text(String... pieces) {
    index++;
    ObjectNode start =
        JSON.createObjectNode().put("type", "content_block_start").put("index", index);
    start.putObject("content_block").put("type", "text").put("text", "");
    add("content_block_start", start);
    for (String p : pieces) {
      ObjectNode d = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
      d.putObject("delta").put("type", "text_delta").put("text", p);
      add("content_block_delta", d);
    }
    return stop();
  }

  /** A tool_use block whose input arrives as {@code jsonPieces}. */
  AnthropicWire toolUse(String id, String name, String... jsonPieces) {
    index++;
    ObjectNode start =
        JSON.createObjectNode().put("type", "content_block_start").put("index", index);
    ObjectNode b =
        start.putObject("content_block").put("type", "tool_use").put("id", id).put("name", name);
    b.putObject("input");
    add("content_block_start", start);
    ObjectNode first =
        JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
    first.putObject("delta").put("type", "input_json_delta").put("partial_json", "");
    add("content_block_delta", first);
    for (String p : jsonPieces) {
      ObjectNode d = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
      d.putObject("delta").put("type", "input_json_delta").put("partial_json", p);
      add("content_block_delta", d);
    }
    return stop();
  }

  /** An error event inside the stream. */
  List<String> error(String type, String message) {
    ObjectNode e = JSON.createObjectNode().put("type", "error");
    e.putObject("error").put("type", type).put("message", message);
    add("error", e);
    return List.copyOf(events);
  }

  List<String> finish(String stopReason, int outputTokens) {
    ObjectNode d = JSON.createObjectNode().put("type", "message_delta");
    d.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
    d.putObject("usage").put("output_tokens", outputTokens);
    add("message_delta", d);
    add("message_stop", JSON.createObjectNode().put("type", "message_stop"));
    return List.copyOf(events);
  }

  static String errorBody(String type, String message) {
    ObjectNode e = JSON.createObjectNode().put("type", "error");
    e.putObject("error").put("type", type).put("message", message);
    e.put("request_id", "req_011Parley");
    return e.toString();
  }

  private AnthropicWire stop() {
    add(
        "content_block_stop",
        JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
    return this;
  }

  private void add(String type, ObjectNode data) {
    events.add("event: " + type + "\ndata: " + data + "\n\n");
  }
}
