package dev.parley.agent.llm.anthropic;

import java.net.URI;

/**
 * Where and how to reach the Anthropic Messages API.
 *
 * @param baseUrl the API root; {@code /v1/messages} is appended ("https://api.anthropic.com")
 * @param apiKey the key, sent as {@code x-api-key}
 * @param model the model name
 * @param maxTokens the {@code max_tokens} of every request (the API requires one)
 */
public record AnthropicSettings(String baseUrl, String apiKey, String model, int maxTokens) {

  /** The API version this client speaks, sent as {@code anthropic-version}. */
  public static final String API_VERSION = "2023-06-01";

  /** Compact canonical constructor: checks the values. */
  public AnthropicSettings {
    if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
      throw new IllegalArgumentException(
          "Anthropic base URL must be http(s)://..., not " + baseUrl);
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("Anthropic API key is missing");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("Anthropic model is missing");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("Anthropic max_tokens must be positive");
    }
  }

  URI endpoint() {
    String root = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return URI.create(root + "/v1/messages");
  }
}
