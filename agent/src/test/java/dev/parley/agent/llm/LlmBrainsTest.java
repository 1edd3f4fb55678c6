package dev.parley.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.agent.analysis.RuleBasedPostCallAnalyst;
import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.llm.LlmFixtures.RecordingSink;
import dev.parley.agent.planning.RuleBasedCallPlanner;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmBrainsTest {

  @Test
  void offlineIsTheDefaultAndStreamsTheRuleBasedWords() {
    try (LlmBrains brains =
        LlmBrains.fromEnvironment(Map.of(), LlmFixtures.CLOCK, BrainListener.NONE)) {
      assertThat(brains.provider()).isEqualTo(LlmBrains.Provider.OFFLINE);
      assertThat(brains.planner()).isInstanceOf(RuleBasedCallPlanner.class);
      assertThat(brains.analyst()).isInstanceOf(RuleBasedPostCallAnalyst.class);
      RecordingSink sink = new RecordingSink();
      DialogTurn t =
          brains
              .dialogAgent()
              .respond(
                  LlmFixtures.context(),
                  ConversationState.initial(),
                  new DialogEvent.CallAnswered(),
                  sink);
      assertThat(String.join(" ", sink.events))
          .isEqualTo(((AgentAction.Speak) t.actions().get(0)).text());
    }
  }

  @Test
  void aProviderWithoutItsKeyIsAClearError() {
    assertThatThrownBy(
            () ->
                LlmBrains.fromEnvironment(
                    Map.of("PARLEY_AGENT_PROVIDER", "openai"),
                    LlmFixtures.CLOCK,
                    BrainListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "PARLEY_AGENT_PROVIDER=openai needs OPENAI_API_KEY (any value for a local server)");
    assertThatThrownBy(
            () ->
                LlmBrains.fromEnvironment(
                    Map.of("PARLEY_AGENT_PROVIDER", "anthropic", "OPENAI_API_KEY", "sk-x"),
                    LlmFixtures.CLOCK,
                    BrainListener.NONE))
        .hasMessage("PARLEY_AGENT_PROVIDER=anthropic needs ANTHROPIC_API_KEY");
    assertThatThrownBy(
            () ->
                LlmBrains.fromEnvironment(
                    Map.of("PARLEY_AGENT_PROVIDER", "gemini"),
                    LlmFixtures.CLOCK,
                    BrainListener.NONE))
        .hasMessageContaining("must be offline, openai or anthropic, not 'gemini'");
    assertThatThrownBy(
            () ->
                LlmBrains.fromEnvironment(
                    Map.of(
                        "PARLEY_AGENT_PROVIDER", "openai",
                        "OPENAI_API_KEY", "sk-x",
                        "PARLEY_LLM_PRICES", "gpt-4o-mini=cheap"),
                    LlmFixtures.CLOCK,
                    BrainListener.NONE))
        .hasMessageContaining("gpt-4o-mini=cheap");
  }

  @Test
  void openAiFromTheEnvironmentTalksToTheConfiguredBaseUrlAndReportsPerCall() throws Exception {
    try (FakeModelServer server = new FakeModelServer("/v1/chat/completions");
        LlmBrains brains =
            LlmBrains.fromEnvironment(
                Map.of(
                    "PARLEY_AGENT_PROVIDER", "openai",
                    "OPENAI_API_KEY", "ollama",
                    "OPENAI_BASE_URL", server.url() + "/v1",
                    "OPENAI_MODEL", "llama3.1:8b",
                    "PARLEY_LLM_PRICES", "llama3.1:8b=0/0; gpt-4o-mini=0.15/0.60"),
                LlmFixtures.CLOCK,
                BrainListener.NONE)) {
      server.then(
          FakeModelServer.sse(
              OpenAiWire.stream()
                  .text("Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.")
                  .finish("stop", 700, 20)));
      CallLedger call = new CallLedger();
      DialogTurn t =
          brains
              .forCall(call)
              .dialogAgent()
              .respond(
                  LlmFixtures.context(),
                  ConversationState.initial(),
                  new DialogEvent.CallAnswered(),
                  SentenceSink.NONE);
      assertThat(brains.provider()).isEqualTo(LlmBrains.Provider.OPENAI);
      assertThat(t.actions()).hasSize(1);
      assertThat(server.received().get(0).body().get("model").asText()).isEqualTo("llama3.1:8b");
      assertThat(call.usages())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.provider()).isEqualTo("openai");
                assertThat(u.inputTokens()).isEqualTo(700);
                assertThat(u.cost()).isZero();
              });
    }
  }

  @Test
  void anthropicFromTheEnvironmentSendsItsHeadersAndMaxTokens() throws Exception {
    try (FakeModelServer server = new FakeModelServer("/v1/messages");
        LlmBrains brains =
            LlmBrains.fromEnvironment(
                Map.of(
                    "PARLEY_AGENT_PROVIDER", "anthropic",
                    "ANTHROPIC_API_KEY", "sk-ant-env",
                    "ANTHROPIC_BASE_URL", server.url(),
                    "ANTHROPIC_MAX_TOKENS", "300"),
                LlmFixtures.CLOCK,
                BrainListener.NONE)) {
      server.then(
          FakeModelServer.sse(
              AnthropicWire.stream(10)
                  .text("Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.")
                  .finish("end_turn", 12)));
      brains
          .dialogAgent()
          .respond(
              LlmFixtures.context(), ConversationState.initial(), new DialogEvent.CallAnswered());
      FakeModelServer.Received r = server.received().get(0);
      assertThat(r.headers().getFirst("x-api-key")).isEqualTo("sk-ant-env");
      assertThat(r.body().get("max_tokens").asInt()).isEqualTo(300);
      assertThat(r.body().get("model").asText()).isEqualTo("claude-haiku-4-5");
    }
  }
}
