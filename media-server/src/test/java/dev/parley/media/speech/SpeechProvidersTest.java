package dev.parley.media.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.media.server.SpeechProviders;
import dev.parley.media.speech.deepgram.FakeDeepgramListen;
import dev.parley.media.speech.fake.FakeProviderServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider choice: defaults from the environment, per-call names, refusals never fallbacks. */
class SpeechProvidersTest {

  @Test
  void aDefaultProviderWithoutItsKeyIsAStartupError() {
    assertThatThrownBy(
            () -> SpeechProviders.fromEnvironment(Map.of("PARLEY_STT_PROVIDER", "deepgram")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PARLEY_STT_PROVIDER=deepgram")
        .hasMessageContaining("DEEPGRAM_API_KEY");
    assertThatThrownBy(
            () -> SpeechProviders.fromEnvironment(Map.of("PARLEY_TTS_PROVIDER", "deepgram")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DEEPGRAM_API_KEY");
    assertThatThrownBy(
            () -> SpeechProviders.fromEnvironment(Map.of("PARLEY_STT_PROVIDER", "whisper")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whisper");
    assertThatThrownBy(
            () ->
                SpeechProviders.fromEnvironment(
                    Map.of("PARLEY_TTS_PROVIDER", "elevenlabs", "ELEVENLABS_API_KEY", "k")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ELEVENLABS_VOICE_ID");
    assertThatThrownBy(
            () -> SpeechProviders.fromEnvironment(Map.of("PARLEY_TTS_PROVIDER", "elevenlabs")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ELEVENLABS_API_KEY");
  }

  @Test
  void aCallNamingAnUnconfiguredProviderIsRefusedNotServedByAnother() {
    SpeechProviders p = SpeechProviders.fromEnvironment(Map.of());
    try {
      SpeechToText.CallInfo call =
          new SpeechToText.CallInfo("c1", "en-US", "", "deepgram", Map.of());
      assertThatThrownBy(() -> p.speechToText().open(call, new RecordingSttListener()))
          .isInstanceOfSatisfying(
              SpeechProviderException.class,
              e -> assertThat(e.kind()).isEqualTo(SpeechProviderException.Kind.NOT_CONFIGURED))
          .hasMessageContaining("DEEPGRAM_API_KEY");
      SpeechToText.CallInfo unknown =
          new SpeechToText.CallInfo("c2", "en-US", "", "whisper", Map.of());
      assertThatThrownBy(() -> p.speechToText().open(unknown, new RecordingSttListener()))
          .hasMessageContaining("unknown STT provider");

      List<Throwable> errors = new ArrayList<>();
      p.textToSpeech()
          .forProvider("deepgram")
          .synthesize(
              "Hello.",
              "",
              new TextToSpeech.Listener() {
                @Override
                public void onAudio(byte[] mulaw) {
                  errors.add(new AssertionError("audio from a refused provider"));
                }

                @Override
                public void onComplete() {
                  errors.add(new AssertionError("completed by a refused provider"));
                }

                @Override
                public void onError(Throwable error) {
                  errors.add(error);
                }
              });
      assertThat(errors)
          .singleElement()
          .isInstanceOfSatisfying(
              SpeechProviderException.class,
              e -> assertThat(e.kind()).isEqualTo(SpeechProviderException.Kind.NOT_CONFIGURED));
    } finally {
      p.textToSpeech().close();
    }
  }

  @Test
  void aCallNamingDeepgramReachesDeepgram() throws Exception {
    try (FakeProviderServer server = new FakeProviderServer(new FakeDeepgramListen(5000))) {
      SpeechProviders p =
          SpeechProviders.fromEnvironment(
              Map.of(
                  "DEEPGRAM_API_KEY",
                  FakeDeepgramListen.KEY,
                  "DEEPGRAM_BASE_URL",
                  server.baseUrl().toString(),
                  "DEEPGRAM_STT_MODEL",
                  "nova-2-phonecall"));
      try {
        SpeechToText.Session s =
            p.speechToText()
                .open(
                    new SpeechToText.CallInfo("c3", "en-GB", "", "Deepgram", Map.of()),
                    new RecordingSttListener());
        s.sendAudio(new byte[160], 0, 160, 0);
        FakeProviderServer.Conn c = server.awaitConnection(0, 5000);
        assertThat(c.query())
            .containsEntry("model", "nova-2-phonecall")
            .containsEntry("language", "en-GB");
        s.close();
        // The default (offline) recogniser serves a call that names no provider.
        SpeechToText.Session offline =
            p.speechToText()
                .open(SpeechToText.CallInfo.of("c4", "en-US"), new RecordingSttListener());
        offline.close();
        assertThat(server.connections()).hasSize(1);
        assertThat(p.metrics().provider("deepgram").sttStreams.sum()).isEqualTo(1);
      } finally {
        p.textToSpeech().close();
      }
    }
  }
}
