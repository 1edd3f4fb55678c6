package dev.parley.agent.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.agent.llm.client.ErrorDecoder;
import dev.parley.agent.llm.client.LlmException;
import java.time.Duration;

/**
 * Reads OpenAI-style error bodies: {@code {"error": {"message", "type", "param", "code"}}}, and the
 * {@code {"error": "message"}} form some local servers (Ollama) send.
 */
final class OpenAiErrors implements ErrorDecoder {

  private final ObjectMapper json;

  OpenAiErrors(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public LlmException decode(int status, String body, Duration retryAfter) {
    try {
      JsonNode error = json.readTree(body).path("error");
      if (!error.isMissingNode()) {
        return fromErrorNode(error, status, retryAfter, LlmException.Kind.HTTP_STATUS);
      }
    } catch (Exception notJson) {
      // Gateways and proxies answer with HTML or plain text; the status still says enough.
    }
    String snippet = body.length() > 200 ? body.substring(0, 200) : body;
    return new LlmException(
        LlmException.Kind.HTTP_STATUS,
        status,
        null,
        retryAfter,
        "chat completions answered " + status + ": " + snippet.strip(),
        null);
  }

  static LlmException fromErrorNode(
      JsonNode error, int status, Duration retryAfter, LlmException.Kind kind) {
    if (error.isTextual()) {
      return new LlmException(
          kind, status, null, retryAfter, "chat completions error: " + error.asText(), null);
    }
    String type = error.hasNonNull("type") ? error.get("type").asText() : null;
    String code = error.hasNonNull("code") ? error.get("code").asText() : null;
    String message = error.path("message").asText("no message");
    return new LlmException(
        kind,
        status,
        type != null ? type : code,
        retryAfter,
        "chat completions error"
            + (status > 0 ? " " + status : "")
            + (type != null ? " " + type : "")
            + (code != null ? " (" + code + ")" : "")
            + ": "
            + message,
        null);
  }
}
