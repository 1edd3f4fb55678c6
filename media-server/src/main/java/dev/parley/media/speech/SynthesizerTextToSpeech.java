package dev.parley.media.speech;

import dev.parley.audio.tts.SpeechSynthesizer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams an audio-module {@link SpeechSynthesizer} (the offline default is FreeTTS through {@code
 * OfflineSpeechSynthesizer}): synthesis runs on a small executor of its own, never on an event
 * loop, and its 20 ms frames are handed on in 100 ms chunks as they are produced, so playout starts
 * before synthesis ends. Cancelling stops the synthesiser at its next frame.
 */
public final class SynthesizerTextToSpeech implements TextToSpeech {

  /** Frames per chunk handed to the listener: 100 ms, five outbound frames. */
  private static final int CHUNK_FRAMES = 5;

  private final SpeechSynthesizer synthesizer;
  private final ExecutorService executor;
  private final AutoCloseable owned;

  /**
   * @param synthesizer the synthesiser
   * @param threads synthesis threads (CPU-bound: at most the cores)
   * @param owned closed with this adapter (the synthesiser, when this adapter owns it), or null
   */
  public SynthesizerTextToSpeech(SpeechSynthesizer synthesizer, int threads, AutoCloseable owned) {
    this.synthesizer = synthesizer;
    this.owned = owned;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "parley-tts-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Stream synthesize(String text, String voice, Listener listener) {
    AtomicBoolean cancelled = new AtomicBoolean();
    Future<?> f = executor.submit(() -> run(text, listener, cancelled));
    return () -> {
      cancelled.set(true);
      f.cancel(false);
    };
  }

  private void run(String text, Listener listener, AtomicBoolean cancelled) {
    byte[][] chunk = {new byte[160 * CHUNK_FRAMES]};
    int[] fill = {0};
    try {
      synthesizer.synthesize(
          text,
          (frame, off, len) -> {
            if (cancelled.get()) {
              return false;
            }
            if (fill[0] + len > chunk[0].length) {
              listener.onAudio(java.util.Arrays.copyOf(chunk[0], fill[0]));
              fill[0] = 0;
            }
            System.arraycopy(frame, off, chunk[0], fill[0], len);
            fill[0] += len;
            if (fill[0] == chunk[0].length) {
              listener.onAudio(chunk[0]);
              chunk[0] = new byte[160 * CHUNK_FRAMES];
              fill[0] = 0;
            }
            return true;
          });
      if (!cancelled.get()) {
        if (fill[0] > 0) {
          listener.onAudio(java.util.Arrays.copyOf(chunk[0], fill[0]));
        }
        listener.onComplete();
      }
    } catch (RuntimeException e) {
      if (!cancelled.get()) {
        listener.onError(e);
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        // Closing a synthesiser at shutdown has nothing left to report to.
      }
    }
  }
}
