package dev.parley.agent.llm.openai;

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
 * A {@link ChatModel} over the OpenAI Chat Completions API ({@code POST {baseUrl}/chat/completions}
 * with {@code stream: true}): OpenAI itself, Azure-style gateways and local servers (Ollama, vLLM,
 * llama.cpp server) that speak the same protocol. Thread-safe.
 */
public final class OpenAiChatModel implements ChatModel {

  private final OpenAiSettings settings;
  private final LlmHttpClient http;
  private final OpenAiRequestWriter writer;
  private final OpenAiStreamDecoder decoder;
  private final OpenAiErrors errors;

  /** Creates a model sending through {@code http}. */
  public OpenAiChatModel(OpenAiSettings settings, LlmHttpClient http) {
    ObjectMapper json = new ObjectMapper();
    this.settings = settings;
    this.http = http;
    this.writer = new OpenAiRequestWriter(json);
    this.decoder = new OpenAiStreamDecoder(json);
    this.errors = new OpenAiErrors(json);
  }

  @Override
  public ChatResponse complete(ChatRequest request, Consumer<String> textDeltas)
      throws LlmException {
    String body = writer.write(settings.model(), request);
    try (ModelStream stream =
        http.stream(
            settings.endpoint(),
            Map.of(settings.authHeader(), settings.authValue()),
            body,
            errors)) {
      return decoder.read(stream, textDeltas);
    }
  }

  @Override
  public String provider() {
    return "openai";
  }

  @Override
  public String model() {
    return settings.model();
  }
}
