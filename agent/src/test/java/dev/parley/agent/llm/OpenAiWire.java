package dev.parley.agent.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Chat Completions stream events the way OpenAI sends them: {@code data: } plus one {@code
 * chat.completion.chunk} object plus a blank line, a final usage chunk with empty choices, then
 * {@code data: [DONE]}.
 */
final class OpenAiWire {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> events = new ArrayList<>();

  static OpenAiWire stream() {
    OpenAiWire w = new OpenAiWire();
    ObjectNode delta = JSON.createObjectNode().put("role", "assistant").put("content", "");
    w.events.add(w.chunk(delta, null));
    return w;
  }

  /** A text delta. */
  OpenAiWire text(String piece) {
    events.add(chunk(JSON.createObjectNode().put("content", piece), null));
    return this;
  }

  /** The first fragment of a tool call: index, id, name, and the start of its arguments. */
  OpenAiWire toolStart(int index, String id, String name, String args) {
    ObjectNode call =
        JSON.createObjectNode().put("index", index).put("id", id).put("type", "function");
    call.putObject("function").put("name", name).put("arguments", args);
    return toolDelta(call);
  }

  /** A later fragment of a tool call's arguments. */
  OpenAiWire toolArgs(int index, String args) {
    ObjectNode call = JSON.createObjectNode().put("index", index);
    call.putObject("function").put("arguments", args);
    return toolDelta(call);
  }

  /** The chunk with finish_reason, the usage chunk and [DONE]. */
  List<String> finish(String reason, int promptTokens, int completionTokens) {
    events.add(chunk(JSON.createObjectNode(), reason));
    ObjectNode usage =
        JSON.createObjectNode()
            .put("id", "chatcmpl-Parley1")
            .put("object", "chat.completion.chunk")
            .put("created", 1763715600)
            .put("model", "gpt-4o-mini-2024-07-18");
    usage.putArray("choices");
    usage
        .putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    events.add("data: " + usage + "\n\n");
    events.add("data: [DONE]\n\n");
    return List.copyOf(events);
  }

  /** The events so far, without a finish: a stream cut short. */
  List<String> unfinished() {
    return List.copyOf(events);
  }

  private OpenAiWire toolDelta(ObjectNode call) {
    ObjectNode delta = JSON.createObjectNode();
    ((ArrayNode) delta.putArray("tool_calls")).add(call);
    events.add(chunk(delta, null));
    return this;
  }

  private String chunk(ObjectNode delta, String finish) {
    ObjectNode c =
        JSON.createObjectNode()
            .put("id", "chatcmpl-Parley1")
            .put("object", "chat.completion.chunk")
            .put("created", 1763715600)
            .put("model", "gpt-4o-mini-2024-07-18")
            .put("system_fingerprint", "fp_parley");
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
}
