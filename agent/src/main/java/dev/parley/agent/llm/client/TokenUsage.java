package dev.parley.agent.llm.client;

/**
 * Tokens one model call used, as the provider counted them.
 *
 * @param inputTokens prompt tokens ({@code prompt_tokens} / {@code input_tokens})
 * @param outputTokens completion tokens ({@code completion_tokens} / {@code output_tokens})
 */
public record TokenUsage(long inputTokens, long outputTokens) {

  /** No tokens: the provider did not report usage. */
  public static final TokenUsage NONE = new TokenUsage(0, 0);
}
