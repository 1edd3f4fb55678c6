package dev.parley.media.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node's configuration as read from the environment. */
class MediaServerConfigTest {

  @Test
  void unsetValuesTakeTheDocumentedDefaults() {
    MediaServerConfig c = MediaServerConfig.fromEnv(Map.of());
    assertThat(c.port()).isEqualTo(8765);
    assertThat(c.controlHost()).isEqualTo("127.0.0.1");
    assertThat(c.controlPort()).isEqualTo(9400);
    assertThat(c.capacity()).isEqualTo(100);
    assertThat(c.echoCanceller()).isFalse();
  }

  @Test
  void theEchoCancellerIsSwitchedOnByName() {
    for (String on : new String[] {"true", "on", "1", " TRUE "}) {
      assertThat(
              MediaServerConfig.fromEnv(Map.of("PARLEY_MEDIA_ECHO_CANCELLER", on)).echoCanceller())
          .as(on)
          .isTrue();
    }
    assertThat(
            MediaServerConfig.fromEnv(Map.of("PARLEY_MEDIA_ECHO_CANCELLER", "off")).echoCanceller())
        .isFalse();
    assertThatThrownBy(
            () -> MediaServerConfig.fromEnv(Map.of("PARLEY_MEDIA_ECHO_CANCELLER", "maybe")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PARLEY_MEDIA_ECHO_CANCELLER");
  }

  @Test
  void theBuilderCopiesEveryValue() {
    MediaServerConfig c =
        MediaServerConfig.fromEnv(
            Map.of("PARLEY_MEDIA_ECHO_CANCELLER", "true", "PARLEY_MEDIA_CAPACITY", "7"));
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.withCapacity(9).echoCanceller()).isTrue();
  }
}
