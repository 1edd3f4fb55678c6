package dev.parley.agent.llm.client;

import java.util.List;

/**
 * A complete model reply, assembled from the stream.
 *
 * @param text the words; for a {@link JsonOutput} request, the JSON object's text
 * @param toolCalls the tools called, in index order
 * @param stopReason the provider's reason ("stop", "tool_calls", "end_turn", "tool_use", ...)
 * @param usage the tokens used
 */
public record ChatResponse(
    String text, List<ToolCall> toolCalls, String stopReason, TokenUsage usage) {

  /** Compact canonical constructor: null text is empty, the list is copied. */
  public ChatResponse {
    text = text == null ? "" : text;
    toolCalls = List.copyOf(toolCalls);
  }
}
