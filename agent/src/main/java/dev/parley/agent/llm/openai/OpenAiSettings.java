package dev.parley.agent.llm.openai;

import java.net.URI;

/**
 * Where and how to reach an OpenAI-compatible Chat Completions server.
 *
 * @param baseUrl the API root; {@code /chat/completions} is appended ("https://api.openai.com/v1",
 *     "http://localhost:11434/v1" for Ollama, "http://localhost:8000/v1" for vLLM,
 *     "http://localhost:8080/v1" for llama.cpp server, a gateway's URL; a query such as Azure's
 *     "?api-version=2024-10-21" is kept after the path)
 * @param apiKey the key
 * @param model the model name
 * @param authHeader "Authorization" to send {@code Bearer <key>} (OpenAI and most servers), or
 *     another header name (e.g. "api-key" for Azure-style gateways) to send the bare key
 */
public record OpenAiSettings(String baseUrl, String apiKey, String model, String authHeader) {

  /** Compact canonical constructor: checks the values. */
  public OpenAiSettings {
    if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
      throw new IllegalArgumentException("OpenAI base URL must be http(s)://..., not " + baseUrl);
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("OpenAI API key is missing");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("OpenAI model is missing");
    }
    authHeader = authHeader == null || authHeader.isBlank() ? "Authorization" : authHeader;
  }

  /** The chat completions endpoint. */
  URI endpoint() {
    // A query (Azure's "?api-version=...") stays after the appended path.
    int q = baseUrl.indexOf('?');
    String root = q < 0 ? baseUrl : baseUrl.substring(0, q);
    String query = q < 0 ? "" : baseUrl.substring(q);
    if (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    return URI.create(root + "/chat/completions" + query);
  }

  /** The value of {@link #authHeader()}. */
  String authValue() {
    return authHeader.equalsIgnoreCase("Authorization") ? "Bearer " + apiKey : apiKey;
  }
}
