package dev.parley.benchmarks.harness;

import dev.parley.emulator.callee.SyntheticSpeechSource;
import dev.parley.media.speech.TextToSpeech;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SIMULATION ONLY, load harness: a synthesiser that answers at once. Each text's speech-like audio
 * is generated once ({@link SyntheticSpeechSource}) and handed over whole, on the calling thread,
 * so what the harness measures between SPEAK and the first audio frame is Parley's own latency, not
 * a provider's.
 */
final class InstantTextToSpeech implements TextToSpeech {

  private final SyntheticSpeechSource voice = new SyntheticSpeechSource(120);
  private final Map<String, byte[]> rendered = new ConcurrentHashMap<>();

  @Override
  public Stream synthesize(String text, String voiceName, Listener listener) {
    byte[] audio = rendered.computeIfAbsent(text, voice::synthesize);
    // The listener owns the array it is given.
    listener.onAudio(audio.clone());
    listener.onComplete();
    return () -> {};
  }
}
