package dev.parley.media.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Speech-to-speech settings from the environment. */
class RealtimeConfigTest {

  @Test
  void defaultsToOpenAiAndIsOffWithoutAKey() {
    RealtimeConfig c = RealtimeConfig.fromEnv(Map.of());
    assertThat(c.enabled()).isFalse();
    assertThat(c.endpoint().toString())
        .isEqualTo("wss://api.openai.com/v1/realtime?model=gpt-realtime");
  }

  @Test
  void readsTheVariablesAndMapsHttpToWebSocketSchemes() {
    RealtimeConfig c =
        RealtimeConfig.fromEnv(
            Map.of(
                "OPENAI_API_KEY", " sk-123 ",
                "OPENAI_REALTIME_URL", "http://gateway.local:8080/",
                "OPENAI_REALTIME_MODEL", "gpt-realtime-mini",
                "OPENAI_REALTIME_VOICE", "alloy"));
    assertThat(c.enabled()).isTrue();
    assertThat(c.apiKey()).isEqualTo("sk-123");
    assertThat(c.voice()).isEqualTo("alloy");
    assertThat(c.endpoint().toString())
        .isEqualTo("ws://gateway.local:8080/v1/realtime?model=gpt-realtime-mini");
    assertThat(c.toString()).doesNotContain("sk-123").contains("key=set");
  }

  @Test
  void refusesABaseThatIsNotAUrl() {
    assertThatThrownBy(
            () -> RealtimeConfig.fromEnv(Map.of("OPENAI_REALTIME_URL", "api.openai.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OPENAI_REALTIME_URL must start with");
  }
}
