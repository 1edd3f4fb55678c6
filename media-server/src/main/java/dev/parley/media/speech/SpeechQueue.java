package dev.parley.media.speech;

import dev.parley.protocol.Speak;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One call's SPEAK chunks on their way through the synthesiser: synthesised one at a time, in
 * arrival order, so an utterance's chunks play in chunk order. Audio is handed back on the call's
 * event loop; everything here runs there too.
 */
public final class SpeechQueue {

  /** Where synthesised audio goes, on the call's event loop. */
  public interface Sink {
    /** A chunk of μ-law audio for {@code speak}'s utterance. */
    void audio(Speak speak, byte[] mulaw);

    /** {@code speak} is fully synthesised (or failed: what came plays). */
    void finished(Speak speak);
  }

  private final TextToSpeech root;
  private TextToSpeech tts;
  private final Executor loop;
  private final Sink sink;
  private final ArrayDeque<Speak> queue = new ArrayDeque<>();
  private String voice = "default";
  private TextToSpeech.Stream stream;
  private Speak current;

  /**
   * @param loop runs tasks on the call's event loop (callbacks hop there)
   */
  public SpeechQueue(TextToSpeech tts, Executor loop, Sink sink) {
    this.root = tts;
    this.tts = tts;
    this.loop = loop;
    this.sink = sink;
  }

  public void voice(String voice) {
    this.voice = voice;
  }

  /** Synthesises this call's speech with {@code provider} (SESSION_START's TTS provider). */
  public void provider(String provider) {
    this.tts = root.forProvider(provider);
  }

  /** Queues a chunk; synthesis starts at once when nothing else is being synthesised. */
  public void add(Speak speak) {
    queue.add(speak);
    pump();
  }

  /** True when nothing is queued or being synthesised. */
  public boolean idle() {
    return stream == null && queue.isEmpty();
  }

  /**
   * Cancels synthesis and drops every queued chunk; returns the highest utterance id among them, or
   * -1.
   */
  public long cancelAll() {
    long highest = current == null ? -1 : current.utteranceId();
    for (Speak s : queue) {
      highest = Math.max(highest, s.utteranceId());
    }
    queue.clear();
    if (stream != null) {
      stream.cancel();
    }
    stream = null;
    current = null;
    return highest;
  }

  private void pump() {
    while (stream == null && !queue.isEmpty()) {
      Speak s = queue.poll();
      if (s.text().isBlank()) {
        sink.finished(s);
        continue;
      }
      current = s;
      TextToSpeech.Stream started = tts.synthesize(s.text(), voice, new Listener(s));
      // A synthesiser that fails at once (a refused provider) has already finished s here.
      if (current == s) {
        stream = started;
      }
    }
  }

  private final class Listener implements TextToSpeech.Listener {
    private final Speak speak;

    Listener(Speak speak) {
      this.speak = speak;
    }

    @Override
    public void onAudio(byte[] mulaw) {
      loop.execute(
          () -> {
            if (current == speak) {
              sink.audio(speak, mulaw);
            }
          });
    }

    @Override
    public void onComplete() {
      loop.execute(this::done);
    }

    @Override
    public void onError(Throwable error) {
      loop.execute(this::done);
    }

    private void done() {
      if (current != speak) {
        return;
      }
      stream = null;
      current = null;
      sink.finished(speak);
      pump();
    }
  }
}
