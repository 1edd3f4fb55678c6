package dev.parley.benchmarks.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.audio.codec.G711Reference;
import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.echo.EchoGateConfig;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.vad.VadConfig;
import dev.parley.media.call.InboundPipeline;
import dev.parley.media.server.MediaLimits;
import dev.parley.media.twilio.OutboundFrameBuilder;
import dev.parley.media.twilio.TwilioFrameException;
import dev.parley.media.twilio.TwilioFrameScanner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The media server's per-20 ms-frame work, beside the straightforward way to do it. Runs on {@link
 * io.netty.util.concurrent.FastThreadLocalThread}s, as the server's event loops do.
 *
 * <ul>
 *   <li>{@code inboundMediaFrame}: a Twilio media frame as it sits in Netty's pooled direct buffer
 *       → byte scan + base64 into a reused array → μ-law energy, echo gate, in-band DTMF, VAD
 *       ({@link InboundPipeline}, the call's real inbound path) while the agent's audio is playing.
 *   <li>{@code baselineInboundMediaFrame}: the same steps written the obvious way ({@link
 *       StraightforwardInboundFrame}: Jackson tree, {@link java.util.Base64}, arithmetic G.711
 *       decode, per-sample biquad objects, textbook Goertzel, a plain echo-window maximum).
 *   <li>{@code baselineJacksonParseParleyAudio}: the second comparison, so the ratio above fools
 *       nobody: the frame through a Jackson tree and {@link java.util.Base64}, then Parley's own
 *       {@link InboundPipeline}; it differs from {@code inboundMediaFrame} only in the parse.
 *   <li>{@code inboundFrameParse} / {@code baselineInboundFrameParse}: the frame reading alone.
 *   <li>{@code outboundMediaFrame}: 160 linear samples (what TTS hands over) → μ-law by table → a
 *       complete WebSocket text frame in a pooled buffer ({@link OutboundFrameBuilder}).
 *   <li>{@code baselineOutboundMediaFrame}: arithmetic G.711 encode into a new array, Jackson
 *       ObjectNode + {@link java.util.Base64}, bytes wrapped in a buffer.
 *   <li>{@code outboundFrameBuild} / {@code baselineOutboundFrameBuild}: the same from μ-law
 *       already encoded (the framing alone).
 * </ul>
 */
@State(Scope.Thread)
// jvmArgs, not jvmArgsAppend: BenchmarkSuite sets its own jvmArgsAppend (heap size), which would
// replace these, and the suite then ran on plain threads (116 B/op outbound in the first session).
@Fork(
    jvmArgs = {
      "-Djmh.executor=CUSTOM",
      "-Djmh.executor.class=dev.parley.benchmarks.media.EventLoopLikeExecutor",
      // Netty's default SIMPLE leak detection tracks 1 buffer in 128, about 12 B/op amortised;
      // the figure here is the code's own allocation.
      "-Dio.netty.leakDetection.level=disabled"
    })
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MediaFrameBenchmark {

  private static final int FRAMES = 64;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteBuf[] inbound = new ByteBuf[FRAMES];
  private final byte[][] outbound = new byte[FRAMES][];
  private final short[][] outboundPcm = new short[FRAMES][];
  private final byte[] encoded = new byte[MuLaw.FRAME_SAMPLES];

  /**
   * The server's allocator; benchmark threads are event-loop-like ({@link EventLoopLikeExecutor}).
   */
  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

  private TwilioFrameScanner scanner;
  private InboundPipeline pipeline;
  private InboundPipeline jacksonPipeline;
  private StraightforwardInboundFrame straightforward;
  private OutboundFrameBuilder builder;
  private int next;
  private long sink;

  @Setup(Level.Trial)
  public void setup() {
    // A talker (-26 dBov noise shaped like speech energy) over line noise, and agent audio out.
    short[] talk = NoiseGenerator.pink(1, -26).generate(160 * FRAMES);
    NoiseGenerator.white(2, -55).addTo(talk, 0, talk.length);
    byte[] in = SignalMixer.toMuLaw(talk);
    short[] outPcm = NoiseGenerator.pink(3, -20).generate(160 * FRAMES);
    byte[] out = SignalMixer.toMuLaw(outPcm);
    for (int i = 0; i < FRAMES; i++) {
      byte[] payload = java.util.Arrays.copyOfRange(in, i * 160, i * 160 + 160);
      String json =
          "{\"event\":\"media\",\"sequenceNumber\":\""
              + (i + 3)
              + "\",\"media\":{\"track\":\"inbound\",\"chunk\":\""
              + (i + 2)
              + "\",\"timestamp\":\""
              + i * 20
              + "\",\"payload\":\""
              + Base64.getEncoder().encodeToString(payload)
              + "\"},\"streamSid\":\"MZ18ad3ab5a668481ce02b83e7395059f0\"}";
      byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
      inbound[i] = alloc.directBuffer(bytes.length).writeBytes(bytes);
      outbound[i] = java.util.Arrays.copyOfRange(out, i * 160, i * 160 + 160);
      outboundPcm[i] = java.util.Arrays.copyOfRange(outPcm, i * 160, i * 160 + 160);
    }
    scanner = new TwilioFrameScanner(MediaLimits.DEFAULTS);
    pipeline = new InboundPipeline(VadConfig.defaults(), EchoGateConfig.defaults(), listener());
    jacksonPipeline =
        new InboundPipeline(VadConfig.defaults(), EchoGateConfig.defaults(), listener());
    EchoGateConfig echo = EchoGateConfig.defaults();
    straightforward =
        new StraightforwardInboundFrame(
            VadConfig.defaults(), echo.echoReturnLossDb(), echo.maxEchoDelayMillis());
    builder = new OutboundFrameBuilder("MZ18ad3ab5a668481ce02b83e7395059f0", 1600);
  }

  private InboundPipeline.Listener listener() {
    return new InboundPipeline.Listener() {
      @Override
      public void speechStarted(int onsetMs, boolean duringOutbound) {
        sink++;
      }

      @Override
      public void speechStopped(int endMs) {
        sink++;
      }

      @Override
      public void toRecognizer(byte[] mulaw, int off, int len, long sampleIndex) {
        sink += len;
      }

      @Override
      public void inBandDigit(char digit) {
        sink++;
      }
    };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    for (ByteBuf b : inbound) {
      b.release();
    }
  }

  /**
   * Keeps the echo gate busy as during playback: one outbound frame per inbound frame, 120 ms ahead
   * of Twilio's playout, and Twilio's mark echo every fifth frame. The echoes are what a real call
   * has: they anchor our stream to the inbound timeline, and only then does the echo gate judge and
   * learn the echo path by delay (without them the gate does less work than in a call).
   */
  private void playing(int i) {
    long streamMs = next * 20L;
    pipeline.outboundFrame(outbound[i], 0, 160, streamMs, 120);
    if (next % 5 == 0 && next > 6) {
      // 120 ms of lead: the mark after the frame sent seven frames ago echoes now.
      pipeline.playoutReached(streamMs - 120);
    }
  }

  @Benchmark
  public long inboundMediaFrame() throws TwilioFrameException {
    int i = next++ & (FRAMES - 1);
    playing(i);
    scanner.scan(inbound[i]);
    pipeline.process(scanner.payload(), 0, scanner.payloadLength());
    return sink;
  }

  /** The same steps, the obvious way: {@link StraightforwardInboundFrame}. */
  @Benchmark
  public long baselineInboundMediaFrame() throws Exception {
    int i = next++ & (FRAMES - 1);
    // Where InboundPipeline.outboundFrame(.., 120 ms lead) places it: 60 ms ahead.
    straightforward.outboundFrame(outbound[i], 0, 160, straightforward.sampleIndex() + 480);
    return straightforward.frame(inbound[i]);
  }

  /** Jackson tree + java.util.Base64, then Parley's own pipeline: only the parse differs. */
  @Benchmark
  public long baselineJacksonParseParleyAudio() throws Exception {
    int i = next++ & (FRAMES - 1);
    jacksonPipeline.outboundFrame(outbound[i], 0, 160, next * 20L, 120);
    ByteBuf buf = inbound[i];
    byte[] bytes = new byte[buf.readableBytes()];
    buf.getBytes(buf.readerIndex(), bytes);
    JsonNode root = JSON.readTree(bytes);
    if (!"media".equals(root.path("event").asText())) {
      throw new IllegalStateException();
    }
    JsonNode media = root.path("media");
    byte[] payload = Base64.getDecoder().decode(media.path("payload").asText());
    long timestamp = Long.parseLong(media.path("timestamp").asText());
    jacksonPipeline.process(payload, 0, payload.length);
    return sink + timestamp;
  }

  /** Only the frame reading: byte scan + base64 into the reused array. */
  @Benchmark
  public long inboundFrameParse() throws TwilioFrameException {
    int i = next++ & (FRAMES - 1);
    scanner.scan(inbound[i]);
    return scanner.payloadLength() + scanner.timestamp() + scanner.payload()[i];
  }

  /** Only the frame reading, the usual way: Jackson tree + java.util.Base64. */
  @Benchmark
  public long baselineInboundFrameParse() throws Exception {
    int i = next++ & (FRAMES - 1);
    ByteBuf buf = inbound[i];
    byte[] bytes = new byte[buf.readableBytes()];
    buf.getBytes(buf.readerIndex(), bytes);
    JsonNode root = JSON.readTree(bytes);
    if (!"media".equals(root.path("event").asText())) {
      throw new IllegalStateException();
    }
    JsonNode media = root.path("media");
    byte[] payload = Base64.getDecoder().decode(media.path("payload").asText());
    return payload.length + Long.parseLong(media.path("timestamp").asText()) + payload[i];
  }

  /** Linear samples from TTS → μ-law by table → a WebSocket text frame in a pooled buffer. */
  @Benchmark
  public void outboundMediaFrame(Blackhole bh) {
    int i = next++ & (FRAMES - 1);
    MuLaw.encode(outboundPcm[i], 0, MuLaw.FRAME_SAMPLES, encoded, 0);
    ByteBuf frame = builder.media(alloc, encoded, 0, MuLaw.FRAME_SAMPLES);
    bh.consume(frame.writerIndex());
    frame.release();
  }

  /** Arithmetic G.711 encode, Jackson ObjectNode + java.util.Base64, bytes wrapped. */
  @Benchmark
  public void baselineOutboundMediaFrame(Blackhole bh) throws Exception {
    int i = next++ & (FRAMES - 1);
    short[] pcm = outboundPcm[i];
    byte[] mulaw = new byte[pcm.length];
    for (int k = 0; k < pcm.length; k++) {
      mulaw[k] = G711Reference.encode(pcm[k]);
    }
    bh.consume(jacksonMediaFrame(mulaw));
  }

  /** μ-law already encoded → a WebSocket text frame in a pooled buffer. */
  @Benchmark
  public void outboundFrameBuild(Blackhole bh) {
    int i = next++ & (FRAMES - 1);
    ByteBuf frame = builder.media(alloc, outbound[i], 0, 160);
    bh.consume(frame.writerIndex());
    frame.release();
  }

  /** μ-law already encoded → Jackson ObjectNode + java.util.Base64, bytes wrapped. */
  @Benchmark
  public void baselineOutboundFrameBuild(Blackhole bh) throws Exception {
    bh.consume(jacksonMediaFrame(outbound[next++ & (FRAMES - 1)]));
  }

  private static int jacksonMediaFrame(byte[] mulaw) throws Exception {
    ObjectNode root = JSON.createObjectNode();
    root.put("event", "media");
    root.put("streamSid", "MZ18ad3ab5a668481ce02b83e7395059f0");
    root.putObject("media").put("payload", Base64.getEncoder().encodeToString(mulaw));
    ByteBuf frame = Unpooled.wrappedBuffer(JSON.writeValueAsBytes(root));
    int written = frame.writerIndex();
    frame.release();
    return written;
  }
}
