package dev.parley.agent.llm.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.agent.llm.client.ErrorDecoder;
import dev.parley.agent.llm.client.LlmException;
import java.time.Duration;

/**
 * Reads Anthropic error bodies and stream error events: {@code {"type": "error", "error": {"type":
 * "overloaded_error", "message": "Overloaded"}}}. 429 ({@code rate_limit_error}), 500 ({@code
 * api_error}) and 529 ({@code overloaded_error}) are retryable by status.
 */
final class AnthropicErrors implements ErrorDecoder {

  private final ObjectMapper json;

  AnthropicErrors(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public LlmException decode(int status, String body, Duration retryAfter) {
    try {
      JsonNode root = json.readTree(body);
      if (root != null && root.has("error")) {
        return fromErrorNode(root.get("error"), status, retryAfter, LlmException.Kind.HTTP_STATUS);
      }
    } catch (Exception notJson) {
      // Proxies answer with HTML or plain text; the status still says enough.
    }
    String snippet = body.length() > 200 ? body.substring(0, 200) : body;
    return new LlmException(
        LlmException.Kind.HTTP_STATUS,
        status,
        null,
        retryAfter,
        "messages API answered " + status + ": " + snippet.strip(),
        null);
  }

  static LlmException fromErrorNode(
      JsonNode error, int status, Duration retryAfter, LlmException.Kind kind) {
    String type = error.hasNonNull("type") ? error.get("type").asText() : null;
    return new LlmException(
        kind,
        status,
        type,
        retryAfter,
        "messages API error"
            + (status > 0 ? " " + status : "")
            + (type != null ? " " + type : "")
            + ": "
            + error.path("message").asText("no message"),
        null);
  }
}
