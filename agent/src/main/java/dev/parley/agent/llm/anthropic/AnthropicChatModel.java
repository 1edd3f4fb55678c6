package dev.parley.agent.llm.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.agent.llm.client.ChatModel;
import dev.parley.agent.llm.client.ChatRequest;
import dev.parley.agent.llm.client.ChatResponse;
import dev.parley.agent.llm.client.LlmException;
import dev.parley.agent.llm.client.LlmHttpClient;
import dev.parley.agent.llm.client.ModelStream;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link ChatModel} over the Anthropic Messages API ({@code POST {baseUrl}/v1/messages} with
 * {@code stream: true}, {@code x-api-key} and {@code anthropic-version: 2023-06-01}). Thread-safe.
 */
public final class AnthropicChatModel implements ChatModel {

  private final AnthropicSettings settings;
  private final LlmHttpClient http;
  private final AnthropicRequestWriter writer;
  private final AnthropicStreamDecoder decoder;
  private final AnthropicErrors errors;

  /** Creates a model sending through {@code http}. */
  public AnthropicChatModel(AnthropicSettings settings, LlmHttpClient http) {
    ObjectMapper json = new ObjectMapper();
    this.settings = settings;
    this.http = http;
    this.writer = new AnthropicRequestWriter(json);
    this.decoder = new AnthropicStreamDecoder(json);
    this.errors = new AnthropicErrors(json);
  }

  @Override
  public ChatResponse complete(ChatRequest request, Consumer<String> textDeltas)
      throws LlmException {
    String body = writer.write(settings, request);
    try (ModelStream stream =
        http.stream(
            settings.endpoint(),
            Map.of(
                "x-api-key", settings.apiKey(), "anthropic-version", AnthropicSettings.API_VERSION),
            body,
            errors)) {
      return decoder.read(
          stream, textDeltas, request.output() == null ? null : request.output().name());
    }
  }

  @Override
  public String provider() {
    return "anthropic";
  }

  @Override
  public String model() {
    return settings.model();
  }
}
