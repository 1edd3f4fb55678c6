package dev.parley.emulator.twiml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwimlParserTest {

  @Test
  void parsesConnectStreamWithParametersSayPauseAndHangup() throws Exception {
    List<TwimlVerb> verbs =
        TwimlParser.parse(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say voice=\"alice\">Hi</Say>"
                + "<Pause length=\"2\"/><Connect><Stream url=\"wss://m.example/s\">"
                + "<Parameter name=\"a\" value=\"1\"/><Parameter name=\"b\" value=\"2\"/>"
                + "</Stream></Connect><Play>x.mp3</Play><Hangup/></Response>");
    assertThat(verbs)
        .containsExactly(
            new TwimlVerb.Say("Hi"),
            new TwimlVerb.Pause(2),
            new TwimlVerb.ConnectStream("wss://m.example/s", Map.of("a", "1", "b", "2")),
            new TwimlVerb.Unsupported("Play"),
            new TwimlVerb.Hangup());
  }

  @Test
  void parsesRejectWithItsReason() throws Exception {
    assertThat(TwimlParser.parse("<Response><Reject/></Response>"))
        .containsExactly(new TwimlVerb.Reject(false));
    assertThat(TwimlParser.parse("<Response><Reject reason=\"rejected\"/></Response>"))
        .containsExactly(new TwimlVerb.Reject(false));
    assertThat(TwimlParser.parse("<Response><Reject reason=\"busy\"/></Response>"))
        .containsExactly(new TwimlVerb.Reject(true));
    assertThatThrownBy(() -> TwimlParser.parse("<Response><Reject reason=\"later\"/></Response>"))
        .hasMessageContaining("later");
  }

  @Test
  void rejectsWhatTwilioWouldReject() {
    assertThatThrownBy(() -> TwimlParser.parse("<Response><Say>"))
        .isInstanceOf(TwimlException.class);
    assertThatThrownBy(() -> TwimlParser.parse("<Reply/>")).hasMessageContaining("not <Response>");
    assertThatThrownBy(
            () ->
                TwimlParser.parse(
                    "<Response><Connect><Stream url=\"http://x\"/></Connect></Response>"))
        .hasMessageContaining("ws://");
    assertThatThrownBy(
            () ->
                TwimlParser.parse(
                    "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Response><Say>&x;</Say></Response>"))
        .isInstanceOf(TwimlException.class);
    assertThatThrownBy(() -> TwimlParser.parse("<Response>" + "x".repeat(70_000) + "</Response>"))
        .hasMessageContaining("over");
  }
}
