package dev.parley.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.agent.llm.LlmFixtures.RecordingSleeper;
import dev.parley.agent.llm.client.ChatMessage;
import dev.parley.agent.llm.client.ChatRequest;
import dev.parley.agent.llm.client.ChatResponse;
import dev.parley.agent.llm.client.LlmException;
import dev.parley.agent.llm.client.LlmHttpClient;
import dev.parley.agent.llm.client.ToolCall;
import dev.parley.agent.llm.openai.OpenAiChatModel;
import dev.parley.agent.llm.openai.OpenAiSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chat Completions wire details: local servers' variants, errors and cut streams. */
class OpenAiChatModelTest {

  private static final ChatRequest HELLO =
      new ChatRequest(
          "You are terse.", List.of(new ChatMessage.User("Book Tuesday")), List.of(), null);

  private FakeModelServer server;
  private LlmHttpClient http;
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @BeforeEach
  void start() throws Exception {
    server = new FakeModelServer("/openai/deployments/gpt4o/chat/completions");
    http = LlmFixtures.http(sleeper);
  }

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  private OpenAiChatModel azureStyle() {
    return new OpenAiChatModel(
        new OpenAiSettings(
            server.url() + "/openai/deployments/gpt4o?api-version=2024-10-21",
            "azure-key",
            "gpt-4o",
            "api-key"),
        http);
  }

  @Test
  void gatewayUrlKeepsItsQueryAndTheKeyGoesInTheGatewaysHeader() throws Exception {
    server.then(FakeModelServer.sse(OpenAiWire.stream().text("Done.").finish("stop", 3, 2)));
    List<String> deltas = new ArrayList<>();
    ChatResponse r = azureStyle().complete(HELLO, deltas::add);
    assertThat(r.text()).isEqualTo("Done.");
    assertThat(r.stopReason()).isEqualTo("stop");
    assertThat(r.usage().inputTokens()).isEqualTo(3);
    assertThat(deltas).containsExactly("Done.");
    FakeModelServer.Received got = server.received().get(0);
    assertThat(got.headers().getFirst("api-key")).isEqualTo("azure-key");
    assertThat(got.headers().containsKey("Authorization")).isFalse();
    assertThat(got.body().get("messages").get(0).get("role").asText()).isEqualTo("system");
  }

  @Test
  void parallelCallsAtOneIndexWithDifferentIdsStayApart() throws Exception {
    // Ollama sends each parallel call whole, all at index 0, told apart by id.
    server.then(
        FakeModelServer.sse(
            OpenAiWire.stream()
                .toolStart(0, "call_a", "record_fact", "{\"key\":\"price\",\"value\":\"120\"}")
                .toolStart(0, "call_b", "hang_up", "{\"reason\":\"completed\"}")
                .finish("tool_calls", 1, 1)));
    ChatResponse r = azureStyle().complete(HELLO, d -> {});
    assertThat(r.toolCalls())
        .containsExactly(
            new ToolCall("call_a", "record_fact", "{\"key\":\"price\",\"value\":\"120\"}"),
            new ToolCall("call_b", "hang_up", "{\"reason\":\"completed\"}"));
  }

  @Test
  void aStreamEndingWithoutDoneIsAProtocolError() {
    server.then(FakeModelServer.sse(OpenAiWire.stream().text("Tuesday at").unfinished()));
    assertThatThrownBy(() -> azureStyle().complete(HELLO, d -> {}))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.PROTOCOL))
        .hasMessageContaining("ended before [DONE]");
  }

  @Test
  void anErrorChunkInsideTheStreamIsAStreamError() {
    List<String> events = new ArrayList<>(OpenAiWire.stream().text("Tues").unfinished());
    events.add(
        "data: {\"error\":{\"message\":\"The model produced invalid content.\","
            + "\"type\":\"model_error\",\"param\":null,\"code\":null}}\n\n");
    server.then(FakeModelServer.sse(events));
    assertThatThrownBy(() -> azureStyle().complete(HELLO, d -> {}))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(LlmException.Kind.STREAM_ERROR);
              assertThat(e.providerType()).isEqualTo("model_error");
            })
        .hasMessageContaining("The model produced invalid content.");
  }

  @Test
  void localServerStringErrorIsReadAndNotRetried() {
    server.then(
        FakeModelServer.error(
            404, "{\"error\":\"model 'llama3.1:70b' not found, try pulling it first\"}", Map.of()));
    assertThatThrownBy(() -> azureStyle().complete(HELLO, d -> {}))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.retryable()).isFalse();
            })
        .hasMessageContaining("model 'llama3.1:70b' not found");
    assertThat(server.received()).hasSize(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void aRetryAfterLongerThanACallCanWaitFailsAtOnce() {
    server.then(
        FakeModelServer.error(
            429,
            "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\"}}",
            Map.of("Retry-After", "120")));
    assertThatThrownBy(() -> azureStyle().complete(HELLO, d -> {}))
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(120)))
        .hasMessageContaining("insufficient_quota");
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    OpenAiChatModel nowhere =
        new OpenAiChatModel(
            new OpenAiSettings("http://127.0.0.1:" + port + "/v1", "k", "m", null), http);
    assertThatThrownBy(() -> nowhere.complete(HELLO, d -> {}))
        .isInstanceOfSatisfying(
            LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TRANSPORT));
    assertThat(sleeper.waits).hasSize(2);
  }
}
