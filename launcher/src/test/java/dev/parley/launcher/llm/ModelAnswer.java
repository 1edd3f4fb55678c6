package dev.parley.launcher.llm;

import java.util.List;

/**
 * What the fake model answers, before a provider's wire format: spoken text in pieces (streamed as
 * separate deltas), tool calls, or a structured JSON object.
 *
 * @param textPieces text deltas in order (may be empty)
 * @param toolCalls tool calls in order (may be empty)
 * @param json the structured object as JSON text, or null
 */
record ModelAnswer(List<String> textPieces, List<ToolUse> toolCalls, String json) {

  /** One tool call with its arguments as a JSON object's text. */
  record ToolUse(String name, String argumentsJson) {}

  static ModelAnswer structured(String json) {
    return new ModelAnswer(List.of(), List.of(), json);
  }

  String text() {
    return String.join("", textPieces);
  }

  /** Output tokens as a tokenizer would roughly count them: about four characters a token. */
  int outputTokens() {
    int chars = text().length() + (json == null ? 0 : json.length());
    for (ToolUse t : toolCalls) {
      chars += t.name().length() + t.argumentsJson().length();
    }
    return Math.max(1, chars / 4);
  }
}
