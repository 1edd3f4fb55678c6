package dev.parley.launcher.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Chat Completions streaming format: requests with {@code messages} (system, user, assistant
 * with {@code tool_calls}, tool), {@code tools} and {@code response_format}; answers as {@code
 * data: chat.completion.chunk} events (text deltas, tool calls split into an opening fragment and
 * argument fragments by index), a {@code finish_reason} chunk, a usage chunk with empty choices and
 * {@code data: [DONE]}.
 */
final class OpenAiProtocol implements ModelProtocol {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SERVED_MODEL = "gpt-4o-mini-2024-07-18";

  @Override
  public String path() {
    return "/v1/chat/completions";
  }

  @Override
  public ModelRequest read(JsonNode body) {
    String system = "";
    List<ModelRequest.Line> lines = new ArrayList<>();
    for (JsonNode m : body.path("messages")) {
      String role = m.path("role").asText();
      String content = m.path("content").isTextual() ? m.path("content").asText() : "";
      switch (role) {
        case "system" -> system = content;
        case "user", "tool" -> lines.add(new ModelRequest.Line(role, content, List.of()));
        case "assistant" -> {
          List<String> tools = new ArrayList<>();
          m.path("tool_calls").forEach(c -> tools.add(c.path("function").path("name").asText()));
          lines.add(new ModelRequest.Line(role, content, tools));
        }
        default -> throw new IllegalArgumentException("unknown role " + role);
      }
    }
    JsonNode format = body.path("response_format").path("json_schema");
    String output = format.hasNonNull("name") ? format.get("name").asText() : null;
    List<String> tools = new ArrayList<>();
    body.path("tools").forEach(t -> tools.add(t.path("function").path("name").asText()));
    return new ModelRequest(ModelRequest.kindOf(output), output, system, lines, tools);
  }

  @Override
  public List<String> stream(ModelRequest request, ModelAnswer answer, int inputTokens) {
    List<String> events = new ArrayList<>();
    events.add(chunk(JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
    List<String> text =
        answer.json() != null ? ModelProtocol.pieces(answer.json(), 48) : answer.textPieces();
    for (String piece : text) {
      events.add(chunk(JSON.createObjectNode().put("content", piece), null));
    }
    int index = 0;
    for (ModelAnswer.ToolUse t : answer.toolCalls()) {
      List<String> args = ModelProtocol.pieces(t.argumentsJson(), 16);
      ObjectNode first = JSON.createObjectNode().put("index", index);
      first.put("id", "call_" + Integer.toHexString((t.name() + index + inputTokens).hashCode()));
      first.put("type", "function");
      first.putObject("function").put("name", t.name()).put("arguments", args.get(0));
      events.add(toolChunk(first));
      for (String more : args.subList(1, args.size())) {
        ObjectNode next = JSON.createObjectNode().put("index", index);
        next.putObject("function").put("arguments", more);
        events.add(toolChunk(next));
      }
      index++;
    }
    events.add(
        chunk(JSON.createObjectNode(), answer.toolCalls().isEmpty() ? "stop" : "tool_calls"));
    ObjectNode usage = envelope();
    usage.putArray("choices");
    usage
        .putObject("usage")
        .put("prompt_tokens", inputTokens)
        .put("completion_tokens", answer.outputTokens())
        .put("total_tokens", inputTokens + answer.outputTokens());
    events.add("data: " + usage + "\n\n");
    events.add("data: [DONE]\n\n");
    return events;
  }

  @Override
  public String serverError() {
    return "{\"error\":{\"message\":\"The server had an error while processing your request."
        + " Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";
  }

  private static String toolChunk(ObjectNode call) {
    ObjectNode delta = JSON.createObjectNode();
    delta.putArray("tool_calls").add(call);
    return chunk(delta, null);
  }

  private static String chunk(ObjectNode delta, String finish) {
    ObjectNode c = envelope();
    c.put("system_fingerprint", "fp_parley");
    ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return "data: " + c + "\n\n";
  }

  private static ObjectNode envelope() {
    return JSON.createObjectNode()
        .put("id", "chatcmpl-ParleyWholeCall")
        .put("object", "chat.completion.chunk")
        .put("created", 1763715600)
        .put("model", SERVED_MODEL);
  }
}
