package dev.parley.media.speech.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.media.speech.RecordingTtsListener;
import dev.parley.media.speech.TextToSpeech;
import dev.parley.media.speech.fake.FakeAudio;
import dev.parley.media.speech.fake.FakeProviderServer;
import dev.parley.media.speech.fake.FakeProviderServer.Conn;
import dev.parley.media.speech.fake.ProviderTestBed;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ElevenLabs streaming TTS against a local fake of its stream-input WebSocket protocol. */
class ElevenLabsTextToSpeechTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension final ProviderTestBed bed = new ProviderTestBed();

  private ElevenLabsTextToSpeech tts(FakeElevenLabs.Mode mode, String key) throws Exception {
    bed.serve(new FakeElevenLabs(mode));
    return new ElevenLabsTextToSpeech(
        ElevenLabsConfig.of(key, "voice-1").withBaseUrl(bed.server().baseUrl()),
        bed.connector(),
        bed.metrics());
  }

  @Test
  void textGoesInSentencesFlushedAndAudioComesBackInOrder() throws Exception {
    ElevenLabsTextToSpeech tts = tts(FakeElevenLabs.Mode.NORMAL, FakeElevenLabs.KEY);
    RecordingTtsListener l = new RecordingTtsListener();
    tts.synthesize("Hello there. How are you today?", "kevin16", l);
    assertThat(l.awaitEnd()).containsExactly("complete");
    assertThat(l.audio())
        .isEqualTo(
            FakeAudio.concat(FakeAudio.of("Hello there."), FakeAudio.of("How are you today?")));
    Conn c = bed.server().awaitConnection(0, 1000);
    assertThat(c.uri().getPath()).isEqualTo("/v1/text-to-speech/voice-1/stream-input");
    assertThat(c.query())
        .containsEntry("output_format", "ulaw_8000")
        .containsEntry("model_id", "eleven_flash_v2_5");
    assertThat(c.texts()).hasSize(4);
    var init = JSON.readTree(c.texts().get(0));
    assertThat(init.path("text").asText()).isEqualTo(" ");
    assertThat(init.path("xi_api_key").asText()).isEqualTo(FakeElevenLabs.KEY);
    assertThat(init.path("voice_settings").path("stability").asDouble()).isEqualTo(0.5);
    assertThat(c.texts().subList(1, 4))
        .containsExactly(
            "{\"text\":\"Hello there. \",\"try_trigger_generation\":true,\"flush\":true}",
            "{\"text\":\"How are you today? \",\"try_trigger_generation\":true,\"flush\":true}",
            "{\"text\":\"\"}");
    assertThat(bed.metrics().provider("elevenlabs").firstAudioCount()).isEqualTo(1);
  }

  @Test
  void aVoiceNamingAnElevenLabsVoiceSelectsIt() throws Exception {
    ElevenLabsTextToSpeech tts = tts(FakeElevenLabs.Mode.NORMAL, FakeElevenLabs.KEY);
    RecordingTtsListener l = new RecordingTtsListener();
    tts.synthesize("Hi.", "elevenlabs:voice-2", l);
    assertThat(l.awaitEnd()).containsExactly("complete");
    assertThat(bed.server().awaitConnection(0, 1000).uri().getPath())
        .isEqualTo("/v1/text-to-speech/voice-2/stream-input");
  }

  @Test
  void bargeInClosesTheStreamWithNoCallbackAfter() throws Exception {
    ElevenLabsTextToSpeech tts = tts(FakeElevenLabs.Mode.HOLD, FakeElevenLabs.KEY);
    RecordingTtsListener l = new RecordingTtsListener();
    TextToSpeech.Stream s = tts.synthesize("A long answer. It will be interrupted.", "", l);
    assertThat(FakeProviderServer.await(() -> l.chunks() == 1, 5000)).isTrue();
    s.cancel();
    Conn c = bed.server().awaitConnection(0, 1000);
    assertThat(c.closed()).succeedsWithin(Duration.ofSeconds(5));
    assertThat(c.closeCodeReceived()).isEqualTo(1000);
    Thread.sleep(100);
    assertThat(l.ends()).isEmpty();
    assertThat(bed.metrics().provider("elevenlabs").ttsCancelled.sum()).isEqualTo(1);
  }

  @Test
  void aBadKeyIsAnUnauthorizedError() throws Exception {
    ElevenLabsTextToSpeech tts = tts(FakeElevenLabs.Mode.NORMAL, "wrong");
    RecordingTtsListener l = new RecordingTtsListener();
    tts.synthesize("Hello.", "", l);
    assertThat(l.awaitEnd()).containsExactly("error UNAUTHORIZED");
    assertThat(l.errors().get(0)).hasMessageContaining("Invalid API key");
  }

  @Test
  void theProvidersErrorMessageFailsTheUtteranceOnce() throws Exception {
    ElevenLabsTextToSpeech tts = tts(FakeElevenLabs.Mode.TIMEOUT_ERROR, FakeElevenLabs.KEY);
    RecordingTtsListener l = new RecordingTtsListener();
    tts.synthesize("Hello.", "", l);
    assertThat(l.awaitEnd()).containsExactly("error PROVIDER_ERROR");
    assertThat(l.errors().get(0)).hasMessageContaining("input_timeout_exceeded");
    Thread.sleep(100);
    assertThat(l.ends()).hasSize(1);
  }

  @Test
  void aDroppedConnectionKeepsTheAudioThatCameAndFailsOnce() throws Exception {
    ElevenLabsTextToSpeech tts = tts(FakeElevenLabs.Mode.DROP, FakeElevenLabs.KEY);
    RecordingTtsListener l = new RecordingTtsListener();
    tts.synthesize("Your appointment is on Tuesday at nine.", "", l);
    assertThat(l.awaitEnd()).containsExactly("error DROPPED");
    assertThat(l.audio()).hasSize(400);
  }
}
