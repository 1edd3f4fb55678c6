package dev.parley.agent.llm.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.agent.llm.client.ChatMessage;
import dev.parley.agent.llm.client.ChatRequest;
import dev.parley.agent.llm.client.ToolCall;
import dev.parley.agent.llm.client.ToolSpec;

/**
 * Writes a {@link ChatRequest} as a streaming Chat Completions body: the system prompt as the first
 * {@code system} message, tool calls on {@code assistant} messages, tool results as {@code tool}
 * messages quoting {@code tool_call_id}, tools as {@code function} tools, structured output as
 * {@code response_format: {type: json_schema, json_schema: {name, strict, schema}}}, and {@code
 * stream_options.include_usage} so the last chunk carries token usage. No token limit or
 * temperature is sent: reasoning models reject {@code max_tokens}, and servers' defaults suit.
 */
final class OpenAiRequestWriter {

  private final ObjectMapper json;

  OpenAiRequestWriter(ObjectMapper json) {
    this.json = json;
  }

  String write(String model, ChatRequest request) {
    ObjectNode root = json.createObjectNode();
    root.put("model", model);
    ArrayNode messages = root.putArray("messages");
    messages.addObject().put("role", "system").put("content", request.system());
    for (ChatMessage m : request.messages()) {
      if (m instanceof ChatMessage.User u) {
        messages.addObject().put("role", "user").put("content", u.text());
      } else if (m instanceof ChatMessage.Assistant a) {
        ObjectNode n = messages.addObject().put("role", "assistant");
        if (a.text().isEmpty()) {
          n.putNull("content");
        } else {
          n.put("content", a.text());
        }
        if (!a.toolCalls().isEmpty()) {
          ArrayNode calls = n.putArray("tool_calls");
          for (ToolCall c : a.toolCalls()) {
            ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
            call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
          }
        }
      } else if (m instanceof ChatMessage.ToolResult r) {
        messages
            .addObject()
            .put("role", "tool")
            .put("tool_call_id", r.toolCallId())
            .put("content", r.content());
      }
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = root.putArray("tools");
      for (ToolSpec t : request.tools()) {
        ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
        fn.put("name", t.name()).put("description", t.description());
        fn.set("parameters", json.valueToTree(t.parameters()));
      }
    }
    if (request.output() != null) {
      ObjectNode format = root.putObject("response_format").put("type", "json_schema");
      ObjectNode schema = format.putObject("json_schema");
      schema.put("name", request.output().name());
      schema.put("description", request.output().description());
      schema.put("strict", true);
      schema.set("schema", json.valueToTree(request.output().schema()));
    }
    root.put("stream", true);
    root.putObject("stream_options").put("include_usage", true);
    return root.toString();
  }
}
