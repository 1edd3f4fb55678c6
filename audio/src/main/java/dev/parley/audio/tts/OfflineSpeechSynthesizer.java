package dev.parley.audio.tts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline speech from FreeTTS's CMU diphone voice {@code kevin16} (16 kHz), resampled to 8 kHz and
 * encoded to μ-law. FreeTTS voices are not thread-safe, so this keeps a fixed pool of voices, each
 * loaded and warmed up once at construction; a call borrows one for the length of a synthesis
 * (callers beyond the pool size wait).
 *
 * <p>{@link #synthesize(String, FrameSink)} blocks until the text is spoken; the sink is called
 * from FreeTTS's output thread while the caller waits, so callers should run it off any event loop
 * and hand frames on. FreeTTS renders a sentence at a time, so the first frames of a long text
 * arrive before the rest is synthesised.
 */
public final class OfflineSpeechSynthesizer implements SpeechSynthesizer, AutoCloseable {

  /** The FreeTTS voice used: the 16-bit, 16 kHz CMU "kal" diphone voice. */
  public static final String VOICE = "kevin16";

  private static final Logger LOG = LoggerFactory.getLogger(OfflineSpeechSynthesizer.class);

  /** Held while a voice loads (see the constructor). */
  private static final Object LOADING = new Object();

  private final BlockingQueue<PooledVoice> pool;
  private final PooledVoice[] all;

  /** A pool of two voices: enough for the offline demo's concurrent greetings and turns. */
  public OfflineSpeechSynthesizer() {
    this(2);
  }

  /** A pool of {@code voices} voices, each allocated and warmed up now. */
  public OfflineSpeechSynthesizer(int voices) {
    if (voices < 1) {
      throw new IllegalArgumentException("need at least one voice");
    }
    long start = System.nanoTime();
    pool = new ArrayBlockingQueue<>(voices);
    all = new PooledVoice[voices];
    for (int i = 0; i < voices; i++) {
      // FreeTTS loads its lexicon and letter-to-sound rules into shared state without locking: two
      // synthesisers loading at once in one JVM (parallel test classes each starting a Parley)
      // failed with IndexOutOfBoundsException in LetterToSoundImpl$FinalState.loadBinary. Loading
      // and the first utterance (which finishes the lazy loading) take turns process-wide.
      synchronized (LOADING) {
        all[i] = new PooledVoice(loadVoice());
        // The first utterance pays for lexicon and class loading; do it before a call is waiting.
        all[i].speak("Ready.", (frame, off, len) -> true);
      }
      pool.add(all[i]);
    }
    LOG.info(
        "FreeTTS {} ready: {} voice(s) in {} ms",
        VOICE,
        voices,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static Voice loadVoice() {
    // Taken from the voice directory class directly, so no freetts.voices system property (a
    // JVM-wide setting) is needed.
    for (Voice voice : new KevinVoiceDirectory().getVoices()) {
      if (VOICE.equals(voice.getName())) {
        voice.allocate();
        return voice;
      }
    }
    throw new IllegalStateException("FreeTTS voice " + VOICE + " not found on the classpath");
  }

  @Override
  public long synthesize(String text, FrameSink sink) {
    PooledVoice voice;
    try {
      voice = pool.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
    try {
      return voice.speak(text, sink);
    } finally {
      pool.add(voice);
    }
  }

  /** Releases the voices. */
  @Override
  public void close() {
    for (PooledVoice voice : all) {
      voice.voice.deallocate();
    }
  }

  /** One FreeTTS voice with the player that turns its output into μ-law frames. */
  private static final class PooledVoice {
    final Voice voice;
    final MuLawFramePlayer player = new MuLawFramePlayer();

    PooledVoice(Voice voice) {
      this.voice = voice;
      voice.setAudioPlayer(player);
    }

    long speak(String text, FrameSink sink) {
      player.start(sink);
      try {
        voice.speak(text);
      } finally {
        player.finish();
      }
      return player.frames();
    }
  }
}
