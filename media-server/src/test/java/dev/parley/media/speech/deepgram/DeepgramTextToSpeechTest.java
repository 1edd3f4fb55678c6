package dev.parley.media.speech.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.speech.RecordingTtsListener;
import dev.parley.media.speech.TextToSpeech;
import dev.parley.media.speech.fake.FakeAudio;
import dev.parley.media.speech.fake.FakeProviderServer;
import dev.parley.media.speech.fake.FakeProviderServer.Conn;
import dev.parley.media.speech.fake.ProviderTestBed;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deepgram Aura streaming TTS against a local fake of its WebSocket protocol. */
class DeepgramTextToSpeechTest {

  @RegisterExtension final ProviderTestBed bed = new ProviderTestBed();

  private DeepgramTextToSpeech tts(FakeDeepgramSpeak.Mode mode, String key) throws Exception {
    bed.serve(new FakeDeepgramSpeak(mode));
    return new DeepgramTextToSpeech(
        DeepgramConfig.of(key).withBaseUrl(bed.server().baseUrl()), bed.connector(), bed.metrics());
  }

  @Test
  void sentencesAreSpokenAndFlushedOneByOne() throws Exception {
    DeepgramTextToSpeech tts = tts(FakeDeepgramSpeak.Mode.WARN, FakeDeepgramSpeak.KEY);
    RecordingTtsListener l = new RecordingTtsListener();
    tts.synthesize("Hello there. How are you today?", "kevin16", l);
    assertThat(l.awaitEnd()).containsExactly("complete");
    assertThat(l.audio())
        .isEqualTo(
            FakeAudio.concat(FakeAudio.of("Hello there."), FakeAudio.of("How are you today?")));
    Conn c = bed.server().awaitConnection(0, 1000);
    assertThat(c.closed()).succeedsWithin(Duration.ofSeconds(5));
    assertThat(c.texts())
        .containsExactly(
            "{\"type\":\"Speak\",\"text\":\"Hello there.\"}",
            "{\"type\":\"Flush\"}",
            "{\"type\":\"Speak\",\"text\":\"How are you today?\"}",
            "{\"type\":\"Flush\"}",
            "{\"type\":\"Close\"}");
    assertThat(c.query())
        .containsEntry("encoding", "mulaw")
        .containsEntry("sample_rate", "8000")
        .containsEntry("model", "aura-2-thalia-en");
    assertThat(bed.metrics().provider("deepgram").firstAudioCount()).isEqualTo(1);
    assertThat(bed.metrics().provider("deepgram").ttsStreams.sum()).isEqualTo(1);
  }

  @Test
  void aVoiceNamingAnAuraModelSelectsIt() throws Exception {
    DeepgramTextToSpeech tts = tts(FakeDeepgramSpeak.Mode.NORMAL, FakeDeepgramSpeak.KEY);
    RecordingTtsListener l = new RecordingTtsListener();
    tts.synthesize("Hi.", "deepgram:aura-asteria-en", l);
    assertThat(l.awaitEnd()).containsExactly("complete");
    assertThat(bed.server().awaitConnection(0, 1000).query())
        .containsEntry("model", "aura-asteria-en");
  }

  @Test
  void bargeInClearsAndClosesWithNoCallbackAfter() throws Exception {
    DeepgramTextToSpeech tts = tts(FakeDeepgramSpeak.Mode.HOLD, FakeDeepgramSpeak.KEY);
    RecordingTtsListener l = new RecordingTtsListener();
    TextToSpeech.Stream s =
        tts.synthesize("This is a long answer that the callee will interrupt.", "", l);
    assertThat(FakeProviderServer.await(() -> l.chunks() == 1, 5000)).isTrue();
    s.cancel();
    Conn c = bed.server().awaitConnection(0, 1000);
    assertThat(c.closed()).succeedsWithin(Duration.ofSeconds(5));
    assertThat(c.texts()).last().isEqualTo("{\"type\":\"Clear\"}");
    Thread.sleep(100);
    assertThat(l.ends()).isEmpty();
    assertThat(l.chunks()).isEqualTo(1);
    assertThat(bed.metrics().provider("deepgram").ttsCancelled.sum()).isEqualTo(1);
  }

  @Test
  void aBadKeyFailsTheUtteranceOnce() throws Exception {
    DeepgramTextToSpeech tts = tts(FakeDeepgramSpeak.Mode.NORMAL, "wrong");
    RecordingTtsListener l = new RecordingTtsListener();
    tts.synthesize("Hello.", "", l);
    assertThat(l.awaitEnd()).containsExactly("error UNAUTHORIZED");
    assertThat(l.errors().get(0))
        .hasMessageContaining("401")
        .hasMessageContaining("Invalid credentials.");
  }

  @Test
  void anErrorCloseFailsTheUtteranceOnce() throws Exception {
    DeepgramTextToSpeech tts = tts(FakeDeepgramSpeak.Mode.ERROR_CLOSE, FakeDeepgramSpeak.KEY);
    RecordingTtsListener l = new RecordingTtsListener();
    tts.synthesize("Hello.", "", l);
    assertThat(l.awaitEnd()).containsExactly("error PROVIDER_ERROR");
    assertThat(l.errors().get(0)).hasMessageContaining("1008").hasMessageContaining("DATA-0002");
    Thread.sleep(100);
    assertThat(l.ends()).hasSize(1);
    assertThat(bed.metrics().provider("deepgram").ttsErrors.sum()).isEqualTo(1);
  }

  @Test
  void aDroppedConnectionKeepsTheAudioThatCameAndFailsOnce() throws Exception {
    DeepgramTextToSpeech tts = tts(FakeDeepgramSpeak.Mode.DROP, FakeDeepgramSpeak.KEY);
    RecordingTtsListener l = new RecordingTtsListener();
    tts.synthesize("Your appointment is on Tuesday at nine.", "", l);
    assertThat(l.awaitEnd()).containsExactly("error DROPPED");
    assertThat(l.audio()).hasSize(400);
    assertThat(l.audio()[0]).isEqualTo((byte) 'Y');
  }
}
