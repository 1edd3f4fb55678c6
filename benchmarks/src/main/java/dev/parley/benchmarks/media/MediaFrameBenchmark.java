package dev.parley.benchmarks.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 *   <li>{@code baselineInboundMediaFrame}: the same frame through a Jackson tree and {@link
 *       java.util.Base64}, then the same pipeline.
 *   <li>{@code outboundMediaFrame}: 160 bytes of μ-law → a complete WebSocket text frame in a
 *       pooled buffer ({@link OutboundFrameBuilder}).
 *   <li>{@code baselineOutboundMediaFrame}: Jackson ObjectNode + {@link java.util.Base64} + bytes
 *       copied into a buffer.
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

  /**
   * The server's allocator; benchmark threads are event-loop-like ({@link EventLoopLikeExecutor}).
   */
  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

  private TwilioFrameScanner scanner;
  private InboundPipeline pipeline;
  private OutboundFrameBuilder builder;
  private int next;
  private long sink;

  @Setup(Level.Trial)
  public void setup() {
    // A talker (-26 dBov noise shaped like speech energy) over line noise, and agent audio out.
    short[] talk = NoiseGenerator.pink(1, -26).generate(160 * FRAMES);
    NoiseGenerator.white(2, -55).addTo(talk, 0, talk.length);
    byte[] in = SignalMixer.toMuLaw(talk);
    byte[] out = SignalMixer.toMuLaw(NoiseGenerator.pink(3, -20).generate(160 * FRAMES));
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
    }
    scanner = new TwilioFrameScanner(MediaLimits.DEFAULTS);
    pipeline =
        new InboundPipeline(
            VadConfig.defaults(),
            EchoGateConfig.defaults(),
            new InboundPipeline.Listener() {
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
            });
    builder = new OutboundFrameBuilder("MZ18ad3ab5a668481ce02b83e7395059f0", 1600);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    for (ByteBuf b : inbound) {
      b.release();
    }
  }

  /** Keeps the echo gate busy as during playback: one outbound frame per inbound frame. */
  private void playing(int i) {
    pipeline.outboundFrame(outbound[i], 0, 160, 120);
  }

  @Benchmark
  public long inboundMediaFrame() throws TwilioFrameException {
    int i = next++ & (FRAMES - 1);
    playing(i);
    scanner.scan(inbound[i]);
    pipeline.process(scanner.payload(), 0, scanner.payloadLength());
    return sink;
  }

  @Benchmark
  public long baselineInboundMediaFrame() throws Exception {
    int i = next++ & (FRAMES - 1);
    playing(i);
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
    pipeline.process(payload, 0, payload.length);
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

  @Benchmark
  public void outboundMediaFrame(Blackhole bh) {
    int i = next++ & (FRAMES - 1);
    ByteBuf frame = builder.media(alloc, outbound[i], 0, 160);
    bh.consume(frame.writerIndex());
    frame.release();
  }

  @Benchmark
  public void baselineOutboundMediaFrame(Blackhole bh) throws Exception {
    int i = next++ & (FRAMES - 1);
    ObjectNode root = JSON.createObjectNode();
    root.put("event", "media");
    root.put("streamSid", "MZ18ad3ab5a668481ce02b83e7395059f0");
    root.putObject("media").put("payload", Base64.getEncoder().encodeToString(outbound[i]));
    ByteBuf frame = Unpooled.wrappedBuffer(JSON.writeValueAsBytes(root));
    bh.consume(frame.writerIndex());
    frame.release();
  }
}
