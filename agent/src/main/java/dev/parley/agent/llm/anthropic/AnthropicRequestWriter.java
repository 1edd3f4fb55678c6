package dev.parley.agent.llm.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.agent.llm.client.ChatMessage;
import dev.parley.agent.llm.client.ChatRequest;
import dev.parley.agent.llm.client.ToolCall;
import dev.parley.agent.llm.client.ToolSpec;

/**
 * Writes a {@link ChatRequest} as a streaming Messages API body: {@code system} at the top level,
 * messages alternating {@code user} and {@code assistant} (consecutive ones of one role merged into
 * one message of content blocks), tool calls as {@code tool_use} blocks, tool results as {@code
 * tool_result} blocks in the following user message, tools with {@code input_schema}. Structured
 * output is a tool the model must call ({@code tool_choice: {type: tool}}) whose input is the
 * object.
 */
final class AnthropicRequestWriter {

  private final ObjectMapper json;

  AnthropicRequestWriter(ObjectMapper json) {
    this.json = json;
  }

  String write(AnthropicSettings s, ChatRequest request) {
    ObjectNode root = json.createObjectNode();
    root.put("model", s.model());
    root.put("max_tokens", s.maxTokens());
    root.put("system", request.system());
    ArrayNode messages = root.putArray("messages");
    ObjectNode current = null;
    for (ChatMessage m : request.messages()) {
      String role = m instanceof ChatMessage.Assistant ? "assistant" : "user";
      if (current == null || !current.get("role").asText().equals(role)) {
        current = messages.addObject().put("role", role);
        current.putArray("content");
      }
      ArrayNode content = (ArrayNode) current.get("content");
      if (m instanceof ChatMessage.User u) {
        content.addObject().put("type", "text").put("text", u.text());
      } else if (m instanceof ChatMessage.ToolResult r) {
        content
            .addObject()
            .put("type", "tool_result")
            .put("tool_use_id", r.toolCallId())
            .put("content", r.content());
      } else if (m instanceof ChatMessage.Assistant a) {
        if (!a.text().isEmpty()) {
          content.addObject().put("type", "text").put("text", a.text());
        }
        for (ToolCall c : a.toolCalls()) {
          ObjectNode use =
              content.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name());
          use.set("input", input(c.argumentsJson()));
        }
      }
    }
    ArrayNode tools = root.putArray("tools");
    for (ToolSpec t : request.tools()) {
      ObjectNode tool = tools.addObject().put("name", t.name()).put("description", t.description());
      tool.set("input_schema", json.valueToTree(t.parameters()));
    }
    if (request.output() != null) {
      ObjectNode tool =
          tools
              .addObject()
              .put("name", request.output().name())
              .put("description", request.output().description());
      tool.set("input_schema", json.valueToTree(request.output().schema()));
      root.putObject("tool_choice").put("type", "tool").put("name", request.output().name());
    }
    if (tools.isEmpty()) {
      root.remove("tools");
    }
    root.put("stream", true);
    return root.toString();
  }

  private JsonNode input(String argumentsJson) {
    try {
      JsonNode n = json.readTree(argumentsJson);
      return n != null && n.isObject() ? n : json.createObjectNode();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return json.createObjectNode();
    }
  }
}
