package dev.parley.audio.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Synthesisers created at the same moment on several threads, as parallel test classes each
 * starting a Parley do: FreeTTS loads its lexicon and letter-to-sound rules without locking, and
 * such a start failed with IndexOutOfBoundsException in LetterToSoundImpl$FinalState.loadBinary.
 * The race needs loading that has not happened yet in the JVM, so this reproduces it only when run
 * on its own ({@code -Dtest=ConcurrentVoiceLoadingTest}); in a shared JVM it still checks that
 * concurrent creation yields working voices.
 */
class ConcurrentVoiceLoadingTest {

  @Test
  void synthesisersCreatedTogetherAllSpeak() throws Exception {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<byte[]>> spoken = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        spoken.add(
            pool.submit(
                () -> {
                  go.await();
                  try (OfflineSpeechSynthesizer tts = new OfflineSpeechSynthesizer(1)) {
                    return tts.synthesize("Good morning");
                  }
                }));
      }
      go.countDown();
      for (Future<byte[]> f : spoken) {
        assertThat(f.get(120, TimeUnit.SECONDS)).hasSizeGreaterThan(4000);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
