package dev.parley.agent.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.agent.llm.client.ChatResponse;
import dev.parley.agent.llm.client.LlmException;
import dev.parley.agent.llm.client.ModelStream;
import dev.parley.agent.llm.client.SseEvent;
import dev.parley.agent.llm.client.TokenUsage;
import java.util.function.Consumer;

/**
 * Reads a Chat Completions stream: {@code data: {chat.completion.chunk}} events until {@code data:
 * [DONE]}. Text comes from {@code choices[0].delta.content}, tool calls from {@code
 * choices[0].delta.tool_calls}, the stop reason from {@code finish_reason}, and token counts from
 * the {@code usage} object of the last chunk (sent because the request set {@code
 * stream_options.include_usage}). A chunk carrying {@code error} ends the call with that error; a
 * stream that ends before {@code [DONE]} was cut and is an error too.
 */
final class OpenAiStreamDecoder {

  private final ObjectMapper json;

  OpenAiStreamDecoder(ObjectMapper json) {
    this.json = json;
  }

  ChatResponse read(ModelStream stream, Consumer<String> textDeltas) throws LlmException {
    StringBuilder text = new StringBuilder();
    ToolCallAssembler tools = new ToolCallAssembler();
    String finish = null;
    TokenUsage usage = TokenUsage.NONE;
    SseEvent e;
    while ((e = stream.next()) != null) {
      String data = e.data().trim();
      if (data.equals("[DONE]")) {
        return new ChatResponse(text.toString(), tools.calls(), finish, usage);
      }
      JsonNode chunk = parse(data);
      if (chunk.hasNonNull("error")) {
        throw OpenAiErrors.fromErrorNode(
            chunk.get("error"), 0, null, LlmException.Kind.STREAM_ERROR);
      }
      JsonNode u = chunk.get("usage");
      if (u != null && u.isObject()) {
        usage =
            new TokenUsage(
                u.path("prompt_tokens").asLong(0), u.path("completion_tokens").asLong(0));
      }
      JsonNode choice = chunk.path("choices").path(0);
      if (choice.isMissingNode()) {
        continue;
      }
      JsonNode delta = choice.path("delta");
      JsonNode content = delta.get("content");
      if (content != null && content.isTextual() && !content.asText().isEmpty()) {
        text.append(content.asText());
        textDeltas.accept(content.asText());
      }
      for (JsonNode call : delta.path("tool_calls")) {
        JsonNode fn = call.path("function");
        tools.add(
            call.path("index").asInt(0),
            textOrNull(call.get("id")),
            textOrNull(fn.get("name")),
            textOrNull(fn.get("arguments")));
      }
      String reason = textOrNull(choice.get("finish_reason"));
      if (reason != null) {
        finish = reason;
      }
    }
    throw LlmException.of(
        LlmException.Kind.PROTOCOL,
        "chat completion stream ended before [DONE]"
            + (finish == null ? " and before a finish_reason" : ""),
        null);
  }

  private JsonNode parse(String data) throws LlmException {
    try {
      JsonNode n = json.readTree(data);
      if (n == null || !n.isObject()) {
        throw LlmException.of(
            LlmException.Kind.PROTOCOL, "chat completion chunk is not a JSON object", null);
      }
      return n;
    } catch (JsonProcessingException ex) {
      throw LlmException.of(
          LlmException.Kind.PROTOCOL,
          "chat completion chunk is not JSON: " + ex.getOriginalMessage(),
          ex);
    }
  }

  private static String textOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
