package dev.parley.agent.llm.client;

import java.util.List;

/** One message of a provider-neutral conversation; the system prompt travels separately. */
public sealed interface ChatMessage {

  /**
   * What the other side of the model said: the callee, a call event, or the caller's instructions.
   *
   * @param text the message
   */
  record User(String text) implements ChatMessage {}

  /**
   * What the model said earlier, with the tools it called.
   *
   * @param text the words, or empty
   * @param toolCalls the tool calls, in the order the model made them
   */
  record Assistant(String text, List<ToolCall> toolCalls) implements ChatMessage {
    /** Compact canonical constructor: null text is empty, the list is copied. */
    public Assistant {
      text = text == null ? "" : text;
      toolCalls = List.copyOf(toolCalls);
    }
  }

  /**
   * The result of one tool call, fed back so the model can go on.
   *
   * @param toolCallId the id of the call this answers
   * @param content what the tool did, as text
   */
  record ToolResult(String toolCallId, String content) implements ChatMessage {}
}
