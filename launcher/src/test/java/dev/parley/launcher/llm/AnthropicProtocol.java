package dev.parley.launcher.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Messages API streaming format: requests with a top-level {@code system}, {@code messages} of
 * content blocks (text, tool_use, tool_result), {@code tools} and, for structured output, a forced
 * {@code tool_choice}; answers as {@code event:}/{@code data:} pairs from {@code message_start}
 * (input tokens) through text and {@code tool_use} blocks ({@code input_json_delta} pieces) to
 * {@code message_delta} (stop reason, output tokens) and {@code message_stop}, with a ping.
 */
final class AnthropicProtocol implements ModelProtocol {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SERVED_MODEL = "claude-haiku-4-5-20251001";

  @Override
  public String path() {
    return "/v1/messages";
  }

  @Override
  public ModelRequest read(JsonNode body) {
    List<ModelRequest.Line> lines = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      String role = m.path("role").asText();
      if (role.equals("assistant")) {
        StringBuilder text = new StringBuilder();
        List<String> tools = new ArrayList<>();
        for (JsonNode b : m.path("content")) {
          if (b.path("type").asText().equals("text")) {
            text.append(b.path("text").asText());
          } else if (b.path("type").asText().equals("tool_use")) {
            tools.add(b.path("name").asText());
          }
        }
        lines.add(new ModelRequest.Line(role, text.toString(), tools));
        continue;
      }
      for (JsonNode b : m.path("content")) {
        switch (b.path("type").asText()) {
          case "text" ->
              lines.add(new ModelRequest.Line("user", b.path("text").asText(), List.of()));
          case "tool_result" ->
              lines.add(new ModelRequest.Line("tool", b.path("content").asText(), List.of()));
          default -> throw new IllegalArgumentException("unknown block " + b);
        }
      }
    }
    JsonNode choice = body.path("tool_choice");
    String output =
        choice.path("type").asText().equals("tool") ? choice.get("name").asText() : null;
    List<String> tools = new ArrayList<>();
    for (JsonNode t : body.path("tools")) {
      if (!t.path("name").asText().equals(output)) {
        tools.add(t.path("name").asText());
      }
    }
    return new ModelRequest(
        ModelRequest.kindOf(output), output, body.path("system").asText(), lines, tools);
  }

  @Override
  public List<String> stream(ModelRequest request, ModelAnswer answer, int inputTokens) {
    List<String> events = new ArrayList<>();
    ObjectNode start = JSON.createObjectNode().put("type", "message_start");
    ObjectNode m =
        start
            .putObject("message")
            .put("id", "msg_01ParleyWholeCall")
            .put("type", "message")
            .put("role", "assistant")
            .put("model", SERVED_MODEL);
    m.putArray("content");
    m.putNull("stop_reason");
    m.putNull("stop_sequence");
    m.putObject("usage")
        .put("input_tokens", inputTokens)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0)
        .put("output_tokens", 1);
    add(events, "message_start", start);
    add(events, "ping", JSON.createObjectNode().put("type", "ping"));
    int index = 0;
    if (!answer.textPieces().isEmpty()) {
      ObjectNode open = blockStart(index);
      open.putObject("content_block").put("type", "text").put("text", "");
      add(events, "content_block_start", open);
      for (String p : answer.textPieces()) {
        ObjectNode d = block("content_block_delta", index);
        d.putObject("delta").put("type", "text_delta").put("text", p);
        add(events, "content_block_delta", d);
      }
      add(events, "content_block_stop", block("content_block_stop", index));
      index++;
    }
    List<ModelAnswer.ToolUse> uses = new ArrayList<>(answer.toolCalls());
    if (answer.json() != null) {
      uses.add(new ModelAnswer.ToolUse(request.outputName(), answer.json()));
    }
    for (ModelAnswer.ToolUse t : uses) {
      ObjectNode open = blockStart(index);
      ObjectNode b = open.putObject("content_block").put("type", "tool_use");
      b.put("id", "toolu_01" + Integer.toHexString((t.name() + index + inputTokens).hashCode()));
      b.put("name", t.name());
      b.putObject("input");
      add(events, "content_block_start", open);
      List<String> pieces = new ArrayList<>(List.of(""));
      pieces.addAll(ModelProtocol.pieces(t.argumentsJson(), 24));
      for (String p : pieces) {
        ObjectNode d = block("content_block_delta", index);
        d.putObject("delta").put("type", "input_json_delta").put("partial_json", p);
        add(events, "content_block_delta", d);
      }
      add(events, "content_block_stop", block("content_block_stop", index));
      index++;
    }
    ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
    delta
        .putObject("delta")
        .put("stop_reason", uses.isEmpty() ? "end_turn" : "tool_use")
        .putNull("stop_sequence");
    delta.putObject("usage").put("output_tokens", answer.outputTokens());
    add(events, "message_delta", delta);
    add(events, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
    return events;
  }

  @Override
  public String serverError() {
    return "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server"
        + " error\"},\"request_id\":\"req_011ParleyWholeCall\"}";
  }

  private static ObjectNode blockStart(int index) {
    return block("content_block_start", index);
  }

  private static ObjectNode block(String type, int index) {
    return JSON.createObjectNode().put("type", type).put("index", index);
  }

  private static void add(List<String> events, String type, ObjectNode data) {
    events.add("event: " + type + "\ndata: " + data + "\n\n");
  }
}
