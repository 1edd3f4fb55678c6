package dev.parley.benchmarks.audio;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.codec.Resampler;
import dev.parley.audio.dtmf.DtmfToneGenerator;
import dev.parley.audio.dtmf.GoertzelDtmfDetector;
import dev.parley.audio.echo.EchoCanceller;
import dev.parley.audio.echo.EchoGate;
import dev.parley.audio.echo.EchoGateConfig;
import dev.parley.audio.echo.PreRollConsumer;
import dev.parley.audio.vad.VadConfig;
import dev.parley.audio.vad.VadEvent;
import dev.parley.audio.vad.VoiceActivityDetector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The media server's per-frame audio work, one 160-byte frame per operation over 10 s of
 * synthesised speech in pink noise: VAD, echo gate (record the outbound frame, judge the inbound
 * one), pre-roll hold, Goertzel DTMF detection, DTMF generation, and the TTS path's 16 to 8 kHz
 * resampling of one frame. Each should allocate nothing.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AudioPipelineBenchmark -prof gc -f 1 -wi 3 -w 1 -i 5 -r 1
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AudioPipelineBenchmark {

  private byte[] audio;
  private int offset;
  private long sampleIndex;
  private VoiceActivityDetector vad;
  private EchoGate gate;
  private GoertzelDtmfDetector dtmf;
  private DtmfToneGenerator tones;
  private final byte[] toneFrame = new byte[AudioFrames.FRAME];
  private long drained;
  private final Resampler resampler = new Resampler(16000, 8000);
  private final short[] wideband = new short[2 * AudioFrames.FRAME];
  private final short[] narrowband = new short[resampler.maxOutput(2 * AudioFrames.FRAME)];
  private EchoCanceller canceller;
  private EchoCanceller fresh;
  private int firstSecondFrame;
  private byte[] echoed;
  private final PreRollConsumer sink = (buf, off, len, idx) -> drained += len;

  @Setup
  public void setUp() {
    audio = AudioFrames.callee();
    vad = new VoiceActivityDetector(VadConfig.defaults());
    gate = new EchoGate(EchoGateConfig.defaults());
    dtmf = new GoertzelDtmfDetector();
    tones = new DtmfToneGenerator();
    canceller = new EchoCanceller(460);
    canceller.trustFrom(0);
    // The inbound line carries our own audio back at -6 dB after 100 ms (μ-law both ways), so the
    // canceller has converged and adapts on every frame: its dearest steady state.
    echoed = new byte[audio.length];
    for (int i = 0; i < audio.length; i++) {
      int j = i - 800;
      echoed[i] = MuLaw.encode(j < 0 ? 0 : MuLaw.decode(audio[j]) / 2);
    }
    for (int i = 0; i < wideband.length; i++) {
      wideband[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
    }
  }

  private int nextFrame() {
    int off = offset;
    offset = off + AudioFrames.FRAME >= audio.length ? 0 : off + AudioFrames.FRAME;
    sampleIndex += AudioFrames.FRAME;
    return off;
  }

  @Benchmark
  public VadEvent vadFrame() {
    return vad.process(audio, nextFrame(), AudioFrames.FRAME);
  }

  @Benchmark
  public boolean echoGateFrame() {
    int off = nextFrame();
    // The agent's audio (another stretch of the same recording) played out as the callee talks.
    int outOff = (off + 40 * AudioFrames.FRAME) % (audio.length - AudioFrames.FRAME);
    gate.onOutboundFrame(audio, outOff, AudioFrames.FRAME, sampleIndex);
    return gate.isEcho(audio, off, AudioFrames.FRAME, sampleIndex);
  }

  /**
   * One frame of the echo canceller while our audio plays and its echo returns: the outbound frame
   * into the reference, the inbound frame filtered, judged and adapted on (128 taps).
   */
  @Benchmark
  public boolean echoCancellerFrame() {
    int off = nextFrame();
    canceller.farFrame(audio, off, AudioFrames.FRAME, sampleIndex);
    return canceller.process(echoed, off, AudioFrames.FRAME, sampleIndex, false);
  }

  /**
   * A frame of the canceller's first second of a call: every 50 frames a new canceller (about 45
   * KB, so this row allocates about 900 B a frame, unlike the call's), then our audio and its echo
   * (-6 dB, 100 ms) while it finds the delay, searches it to the sample and converges.
   */
  @Benchmark
  public boolean echoCancellerFirstSecondFrame() {
    if (firstSecondFrame == 50 || fresh == null) {
      fresh = new EchoCanceller(460);
      fresh.trustFrom(0);
      firstSecondFrame = 0;
    }
    int off = firstSecondFrame * AudioFrames.FRAME;
    long at = off;
    firstSecondFrame++;
    fresh.farFrame(audio, off, AudioFrames.FRAME, at);
    return fresh.process(echoed, off, AudioFrames.FRAME, at, false);
  }

  @Benchmark
  public int preRollHoldAndDrainEvery15Frames() {
    int off = nextFrame();
    gate.holdFrame(audio, off, AudioFrames.FRAME, sampleIndex);
    return gate.preRollSize() == 15 ? gate.drainPreRoll(sink) : 0;
  }

  @Benchmark
  public char goertzelFrame() {
    return dtmf.process(audio, nextFrame(), AudioFrames.FRAME);
  }

  @Benchmark
  public byte[] dtmfGenerateFrame() {
    if (!tones.isActive()) {
      tones.enqueue("0123456789*#");
    }
    tones.writeFrame(toneFrame, 0, AudioFrames.FRAME);
    return toneFrame;
  }

  @Benchmark
  public int resample16kTo8kFrame() {
    // One 20 ms frame of 16 kHz TTS output (320 samples) down to 160 samples at 8 kHz.
    return resampler.process(wideband, 0, wideband.length, narrowband, 0);
  }

  @Benchmark
  public VadEvent vadAndEchoGateFrame() {
    int off = nextFrame();
    int outOff = (off + 40 * AudioFrames.FRAME) % (audio.length - AudioFrames.FRAME);
    gate.onOutboundEnergy(
        sampleIndex, AudioFrames.FRAME, MuLaw.energy(audio, outOff, AudioFrames.FRAME));
    boolean echo = gate.isEcho(audio, off, AudioFrames.FRAME, sampleIndex);
    return vad.process(audio, off, AudioFrames.FRAME, echo);
  }
}
