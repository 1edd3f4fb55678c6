package dev.parley.benchmarks.audio;

import dev.parley.audio.tts.OfflineSpeechSynthesizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Offline TTS cost for capacity planning: one agent sentence (about 4 s of audio) from text to 8
 * kHz μ-law frames through FreeTTS kevin16, the resampler and the encoder. FreeTTS allocates per
 * utterance; this is not a per-frame path.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SpeechSynthesisBenchmark -prof gc -f 1 -wi 3 -w 1 -i 5 -r 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SpeechSynthesisBenchmark {

  private OfflineSpeechSynthesizer tts;
  private long frames;

  @Setup
  public void setUp() {
    tts = new OfflineSpeechSynthesizer(1);
  }

  @TearDown
  public void tearDown() {
    tts.close();
  }

  @Benchmark
  public long synthesizeSentence() {
    return tts.synthesize(
        "I am calling to confirm your appointment on Tuesday at ten in the morning.",
        (frame, off, len) -> {
          frames++;
          return true;
        });
  }
}
