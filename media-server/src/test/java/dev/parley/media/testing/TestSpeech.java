package dev.parley.media.testing;

import dev.parley.audio.tts.OfflineSpeechSynthesizer;
import dev.parley.media.speech.SynthesizerTextToSpeech;
import dev.parley.media.speech.TextToSpeech;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One FreeTTS synthesiser for the whole test JVM (loading voices takes a second or two). */
public final class TestSpeech {

  private static OfflineSpeechSynthesizer synth;
  private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

  private TestSpeech() {}

  public static synchronized OfflineSpeechSynthesizer synthesizer() {
    if (synth == null) {
      synth = new OfflineSpeechSynthesizer(2);
    }
    return synth;
  }

  /** A streaming TTS over the shared synthesiser; closing it leaves the synthesiser open. */
  public static TextToSpeech tts() {
    return new SynthesizerTextToSpeech(synthesizer(), 2, null);
  }

  /** μ-law speech for {@code text}, synthesised once per text. */
  public static byte[] speech(String text) {
    return CACHE.computeIfAbsent(text, t -> synthesizer().synthesize(t));
  }
}
