package dev.parley.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulatorConfigTest {

  @Test
  void readsTheEnvironmentOverDefaults() {
    EmulatorConfig c =
        EmulatorConfig.fromEnvironment(
            Map.of(
                "PARLEY_EMULATOR_PORT", "9099",
                "PARLEY_EMULATOR_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef",
                "PARLEY_EMULATOR_AUTH_TOKEN", "t0k3n",
                "PARLEY_EMULATOR_VOICE", "synthetic"));
    assertThat(c.port()).isEqualTo(9099);
    assertThat(c.accountSid()).isEqualTo("AC0123456789abcdef0123456789abcdef");
    assertThat(c.authToken()).isEqualTo("t0k3n");
    assertThat(c.offlineSpeech()).isFalse();
    EmulatorConfig d = EmulatorConfig.fromEnvironment(Map.of());
    assertThat(d.port()).isEqualTo(8089);
    assertThat(d.offlineSpeech()).isTrue();
    assertThat(d.accountSid()).isEqualTo(EmulatorConfig.DEFAULT_ACCOUNT_SID);
  }

  @Test
  void rejectsMalformedSettings() {
    assertThatThrownBy(() -> EmulatorConfig.defaults().withCredentials("ACnothex", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmulatorConfig.defaults().withPort(70000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
