package dev.parley.agent.llm;

import dev.parley.agent.llm.LlmFixtures.RecordingSleeper;
import dev.parley.agent.llm.anthropic.AnthropicChatModel;
import dev.parley.agent.llm.anthropic.AnthropicSettings;
import dev.parley.agent.llm.client.ChatModel;
import dev.parley.agent.llm.client.LlmHttpClient;
import dev.parley.agent.llm.openai.OpenAiChatModel;
import dev.parley.agent.llm.openai.OpenAiSettings;

/**
 * A chat model talking over real HTTP to a fake of its provider, as the brains' tests set it up:
 * the fake server, the HTTP client (retries recorded by {@link #sleeper}, not slept), the model,
 * and the model priced with {@link LlmFixtures#PRICES}. Close it after the test.
 */
final class FakeChatProvider implements AutoCloseable {
  static final String OPENAI_KEY = "sk-test-parley";
  static final String ANTHROPIC_KEY = "sk-ant-test";

  final FakeModelServer server;
  final RecordingSleeper sleeper = new RecordingSleeper();
  final LlmHttpClient http = LlmFixtures.http(sleeper);
  final ChatModel model;

  private FakeChatProvider(String path, java.util.function.Function<FakeChatProvider, ChatModel> m)
      throws Exception {
    server = new FakeModelServer(path);
    model = m.apply(this);
  }

  /** OpenAI Chat Completions ({@code gpt-4o-mini}, key {@link #OPENAI_KEY}). */
  static FakeChatProvider openAi() throws Exception {
    return new FakeChatProvider(
        "/v1/chat/completions",
        p ->
            new OpenAiChatModel(
                new OpenAiSettings(p.server.url() + "/v1", OPENAI_KEY, "gpt-4o-mini", null),
                p.http));
  }

  /** Anthropic Messages ({@code claude-haiku-4-5}, key {@link #ANTHROPIC_KEY}). */
  static FakeChatProvider anthropic(int maxTokens) throws Exception {
    return new FakeChatProvider(
        "/v1/messages",
        p ->
            new AnthropicChatModel(
                new AnthropicSettings(p.server.url(), ANTHROPIC_KEY, "claude-haiku-4-5", maxTokens),
                p.http));
  }

  /** The model as the brains use it, priced. */
  BrainModel brain() {
    return new BrainModel(model, LlmFixtures.PRICES);
  }

  @Override
  public void close() {
    server.close();
    http.close();
  }
}
