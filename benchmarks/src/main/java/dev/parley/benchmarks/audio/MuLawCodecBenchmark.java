package dev.parley.benchmarks.audio;

import dev.parley.audio.codec.G711Reference;
import dev.parley.audio.codec.MuLaw;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * μ-law per 160-byte (20 ms) frame: the table-driven {@link MuLaw} against the arithmetic {@link
 * G711Reference} (segment search), for decode, encode and frame energy. All variants write into
 * reused arrays and should allocate nothing.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar MuLawCodecBenchmark -prof gc -f 1 -wi 3 -w 1 -i 5 -r 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MuLawCodecBenchmark {

  private byte[] audio;
  private short[] pcmAudio;
  private final short[] pcm = new short[AudioFrames.FRAME];
  private final byte[] mu = new byte[AudioFrames.FRAME];
  private int offset;

  @Setup
  public void setUp() {
    audio = AudioFrames.callee();
    pcmAudio = new short[audio.length];
    MuLaw.decode(audio, 0, audio.length, pcmAudio, 0);
  }

  private int nextFrame() {
    int off = offset;
    offset = off + AudioFrames.FRAME >= audio.length ? 0 : off + AudioFrames.FRAME;
    return off;
  }

  @Benchmark
  public short[] decodeFrameTable() {
    MuLaw.decode(audio, nextFrame(), AudioFrames.FRAME, pcm, 0);
    return pcm;
  }

  @Benchmark
  public short[] baselineDecodeFrameReference() {
    int off = nextFrame();
    for (int i = 0; i < AudioFrames.FRAME; i++) {
      pcm[i] = G711Reference.decode(audio[off + i]);
    }
    return pcm;
  }

  @Benchmark
  public byte[] encodeFrameTable() {
    MuLaw.encode(pcmAudio, nextFrame(), AudioFrames.FRAME, mu, 0);
    return mu;
  }

  @Benchmark
  public byte[] baselineEncodeFrameReference() {
    int off = nextFrame();
    for (int i = 0; i < AudioFrames.FRAME; i++) {
      mu[i] = G711Reference.encode(pcmAudio[off + i]);
    }
    return mu;
  }

  @Benchmark
  public long energyFrameTable() {
    return MuLaw.energy(audio, nextFrame(), AudioFrames.FRAME);
  }

  @Benchmark
  public long baselineEnergyFrameReference() {
    int off = nextFrame();
    long sum = 0;
    for (int i = 0; i < AudioFrames.FRAME; i++) {
      int v = G711Reference.decode(audio[off + i]);
      sum += v * v;
    }
    return sum;
  }
}
