package dev.parley.benchmarks.media;

import dev.parley.media.server.MediaLimits;
import dev.parley.media.twilio.TwilioFrameException;
import dev.parley.media.twilio.TwilioFrameScanner;
import dev.parley.media.twilio.WebSocketDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
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

/**
 * The media server's read of one Twilio media message as it comes off the socket (a masked
 * WebSocket frame in a pooled direct buffer) up to the scanned frame, through a channel pipeline.
 *
 * <ul>
 *   <li>{@code webSocketRead}: Parley's {@link WebSocketDecoder} called from the one stream
 *       handler: unmasked in place, scanned where it lies.
 *   <li>{@code baselineWebSocketRead}: Netty's {@link WebSocket13FrameDecoder} and {@link
 *       WebSocketFrameAggregator} before a handler that scans each {@link TextWebSocketFrame} (the
 *       server's pipeline until 2026-11-21).
 * </ul>
 *
 * Both include the scan ({@link TwilioFrameScanner}) so the work ends at the same point, and both
 * run through an {@link EmbeddedChannel}'s pipeline with the server's pooled allocator.
 *
 * <p>On a shared, loaded machine JMH's wall-clock times swing with the scheduler; {@link #main}
 * measures the same two paths in thread CPU time instead, alternating them in rounds: {@code java
 * -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.media.TwilioSocketReadBenchmark
 * [rounds] [reads per round]}.
 */
@State(Scope.Thread)
@Fork(
    jvmArgs = {
      "-Djmh.executor=CUSTOM",
      "-Djmh.executor.class=dev.parley.benchmarks.media.EventLoopLikeExecutor",
      "-Dio.netty.leakDetection.level=disabled"
    })
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TwilioSocketReadBenchmark {

  private static final int FRAMES = 64;

  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final byte[][] frames = new byte[FRAMES][];
  private final TwilioFrameScanner scanner = new TwilioFrameScanner(MediaLimits.DEFAULTS);
  private EmbeddedChannel lean;
  private EmbeddedChannel netty;
  private int next;
  private long sink;

  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < FRAMES; i++) {
      byte[] payload = new byte[160];
      random.nextBytes(payload);
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
      frames[i] = maskedFrame(json.getBytes(StandardCharsets.US_ASCII), random.nextInt());
    }
    int max = MediaLimits.DEFAULTS.maxFrameBytes();
    WebSocketDecoder decoder = new WebSocketDecoder(max);
    WebSocketDecoder.Listener scan =
        new WebSocketDecoder.Listener() {
          @Override
          public void onText(ByteBuf message) {
            scan(message);
          }

          @Override
          public void onBinary(int length) {}

          @Override
          public void onPing(ByteBuf payload) {}

          @Override
          public void onClose(int status, String reason) {}
        };
    lean =
        new EmbeddedChannel(
            new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                decoder.decode(ctx.alloc(), (ByteBuf) msg, scan);
              }
            });
    netty =
        new EmbeddedChannel(
            new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(max)
                    .allowExtensions(false)
                    .closeOnProtocolViolation(false)
                    .build()),
            new WebSocketFrameAggregator(max),
            new SimpleChannelInboundHandler<TextWebSocketFrame>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                scan(frame.content());
              }
            });
    lean.config().setAllocator(alloc);
    netty.config().setAllocator(alloc);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    lean.finishAndReleaseAll();
    netty.finishAndReleaseAll();
  }

  @Benchmark
  public long webSocketRead() {
    read(lean);
    return sink;
  }

  @Benchmark
  public long baselineWebSocketRead() {
    read(netty);
    return sink;
  }

  /**
   * Thread-CPU-time comparison of the two paths: after a warm-up, {@code rounds} rounds of {@code
   * reads} reads each, arms alternating; prints each arm's median CPU ns per read and the ratio.
   */
  public static void main(String[] args) throws InterruptedException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int reads = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    Thread t =
        new FastThreadLocalThread(
            () -> {
              TwilioSocketReadBenchmark b = new TwilioSocketReadBenchmark();
              b.setup();
              ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
              for (int i = 0; i < 3 * reads; i++) {
                b.webSocketRead();
                b.baselineWebSocketRead();
              }
              double[] lean = new double[rounds];
              double[] netty = new double[rounds];
              for (int r = 0; r < rounds; r++) {
                for (int arm = 0; arm < 2; arm++) {
                  boolean leanArm = (arm + r) % 2 == 0;
                  long t0 = cpu.getCurrentThreadCpuTime();
                  for (int i = 0; i < reads; i++) {
                    if (leanArm) {
                      b.webSocketRead();
                    } else {
                      b.baselineWebSocketRead();
                    }
                  }
                  double ns = (cpu.getCurrentThreadCpuTime() - t0) / (double) reads;
                  (leanArm ? lean : netty)[r] = ns;
                }
              }
              b.tearDown();
              Arrays.sort(lean);
              Arrays.sort(netty);
              double l = lean[rounds / 2];
              double n = netty[rounds / 2];
              System.out.printf(
                  "CPU ns per read, median of %d rounds x %d: webSocketRead %.0f (min %.0f),"
                      + " baselineWebSocketRead %.0f (min %.0f), ratio %.2fx (sink %d)%n",
                  rounds, reads, l, lean[0], n, netty[0], n / l, b.sink);
            },
            "socket-read-benchmark");
    t.start();
    t.join();
  }

  /**
   * What the event loop does for a read: the frame's bytes in a pooled buffer, fired into the
   * pipeline, then read-complete (as {@code EmbeddedChannel.writeInbound} would, without its
   * bookkeeping).
   */
  private void read(EmbeddedChannel channel) {
    byte[] f = frames[next++ & (FRAMES - 1)];
    channel.pipeline().fireChannelRead(alloc.directBuffer(f.length).writeBytes(f));
    channel.pipeline().fireChannelReadComplete();
  }

  private void scan(ByteBuf message) {
    try {
      scanner.scan(message);
      sink += scanner.payloadLength();
    } catch (TwilioFrameException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client text frame: FIN + text, MASK + 16-bit length, the key, the masked payload. */
  private static byte[] maskedFrame(byte[] payload, int key) {
    byte[] f = new byte[8 + payload.length];
    f[0] = (byte) 0x81;
    f[1] = (byte) (0x80 | 126);
    f[2] = (byte) (payload.length >> 8);
    f[3] = (byte) payload.length;
    for (int i = 0; i < 4; i++) {
      f[4 + i] = (byte) (key >>> (24 - 8 * i));
    }
    for (int i = 0; i < payload.length; i++) {
      f[8 + i] = (byte) (payload[i] ^ f[4 + (i & 3)]);
    }
    return f;
  }
}
