package dev.parley.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.emulator.number.IncomingNumber;
import java.util.Map;
import java.util.Optional;
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
  void configuresIncomingNumbersInCodeAndFromTheEnvironment() {
    EmulatorConfig c =
        EmulatorConfig.defaults()
            .withIncomingNumber("+12125550199", "http://p.example/old", null)
            .withIncomingNumber(
                "+12125550199", "http://p.example/twilio/inbound", "http://p.example/twilio/status")
            .withIncomingNumber("+13125550100", "https://q.example/voice", null);
    assertThat(c.incomingNumbers())
        .extracting(IncomingNumber::phoneNumber, IncomingNumber::voiceUrl)
        .containsExactly(
            tuple("+12125550199", "http://p.example/twilio/inbound"),
            tuple("+13125550100", "https://q.example/voice"));
    IncomingNumber first = c.incomingNumbers().get(0);
    assertThat(first.statusCallback()).contains("http://p.example/twilio/status");
    assertThat(first.voiceMethod()).isEqualTo("POST");
    assertThat(first.sid())
        .matches("PN[0-9a-f]{32}")
        .isEqualTo(IncomingNumber.sidFor("+12125550199"));
    assertThat(c.incomingNumbers().get(1).statusCallback()).isEmpty();

    EmulatorConfig env =
        EmulatorConfig.fromEnvironment(
            Map.of(
                "PARLEY_EMULATOR_INCOMING_NUMBERS",
                " +12125550199=http://p.example/in|http://p.example/st,+13125550100=http://q.example/v "));
    assertThat(env.incomingNumbers())
        .extracting(IncomingNumber::phoneNumber, IncomingNumber::voiceUrl, n -> n.statusCallback())
        .containsExactly(
            tuple("+12125550199", "http://p.example/in", Optional.of("http://p.example/st")),
            tuple("+13125550100", "http://q.example/v", Optional.empty()));
    assertThat(EmulatorConfig.fromEnvironment(Map.of()).incomingNumbers()).isEmpty();
    assertThatThrownBy(
            () ->
                EmulatorConfig.fromEnvironment(
                    Map.of("PARLEY_EMULATOR_INCOMING_NUMBERS", "http://p.example/in")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsMalformedIncomingNumbers() {
    EmulatorConfig d = EmulatorConfig.defaults();
    assertThatThrownBy(() -> d.withIncomingNumber("2125550199", "http://p.example/in", null))
        .hasMessageContaining("E.164");
    assertThatThrownBy(() -> d.withIncomingNumber("+12125550199", "ws://p.example/in", null))
        .hasMessageContaining("voiceUrl");
    assertThatThrownBy(() -> d.withIncomingNumber("+12125550199", "http://p.example/in", "nope"))
        .hasMessageContaining("statusCallback");
  }

  @Test
  void rejectsMalformedSettings() {
    assertThatThrownBy(() -> EmulatorConfig.defaults().withCredentials("ACnothex", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmulatorConfig.defaults().withPort(70000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
