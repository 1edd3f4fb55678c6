package dev.parley.agent.llm.client;

import java.util.List;

/**
 * One provider-neutral request.
 *
 * @param system the system prompt
 * @param messages the conversation, oldest first, ending with a user message or tool results
 * @param tools tools offered, may be empty
 * @param output the structured output asked for, or null for free text and tool calls
 */
public record ChatRequest(
    String system, List<ChatMessage> messages, List<ToolSpec> tools, JsonOutput output) {

  /** Compact canonical constructor: lists are copied. */
  public ChatRequest {
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }
}
