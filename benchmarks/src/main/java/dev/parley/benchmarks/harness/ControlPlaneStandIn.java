package dev.parley.benchmarks.harness;

import dev.parley.protocol.CallDirection;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.DtmfReceived;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ErrorMessage;
import dev.parley.protocol.Heartbeat;
import dev.parley.protocol.Hello;
import dev.parley.protocol.HelloAck;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.Speak;
import dev.parley.protocol.SpeechMode;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.VadTuning;
import dev.parley.protocol.netty.ProtocolFrameDecoder;
import dev.parley.protocol.netty.ProtocolFrameEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The control plane's end of the binary protocol with instant answers, for the load harness: it
 * accepts the media node, answers HELLO, sends heartbeats, starts each call's session with a
 * greeting, and answers every final TRANSCRIPT with a SPEAK at once, so what the harness times is
 * the media node's own latency. It also times the inbound DTMF probes and collects CALL_STATS.
 */
final class ControlPlaneStandIn implements AutoCloseable {

  /**
   * Heartbeat interval announced in HELLO_ACK. Long on purpose: the node drops every call after
   * three silent intervals, and a stand-in sharing two loaded cores with thousands of emulated
   * calls may stall for a second; the harness measures the node, not its link liveness check.
   */
  private static final int HEARTBEAT_MS = 5000;

  static final String GREETING =
      "Hello, this is Parley calling from Bright Smile Dental about your appointment.";

  private static final List<String> REPLIES =
      List.of(
          "Great, I have you down for Thursday at ten thirty in the morning.",
          "Of course. Your cleaning is next Thursday at ten thirty with Doctor Patel.",
          "Thank you. Is there anything else I can help you with today?",
          "No problem, let me check the calendar for next week for you.");

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(
          1, new DefaultThreadFactory("harness-control", true), NioIoHandler.newFactory());
  private final Channel server;
  private final Map<UUID, CallProbe> calls = new ConcurrentHashMap<>();
  private final java.util.Set<UUID> ended = ConcurrentHashMap.newKeySet();
  private final Measurements m;
  private final CountDownLatch helloSeen = new CountDownLatch(1);
  private volatile Channel node;

  ControlPlaneStandIn(Measurements m) throws InterruptedException {
    this.m = m;
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new ProtocolFrameDecoder())
                        .addLast(new ProtocolFrameEncoder())
                        .addLast(new NodeHandler());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Waits for the media node's HELLO. */
  void awaitNode(long seconds) throws InterruptedException {
    if (!helloSeen.await(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the media node did not connect within " + seconds + " s");
    }
  }

  /** Announces a call to the node, as the control plane does before dialling. */
  void startSession(CallProbe probe, String streamToken) {
    calls.put(probe.callId, probe);
    node.writeAndFlush(
        new SessionStart(
            probe.callId,
            CallDirection.OUTBOUND,
            "tenant-harness",
            probe.number,
            "+15005550006",
            "en-US",
            "instant",
            "offline",
            "instant",
            SpeechMode.PIPELINE,
            streamToken,
            GREETING,
            "",
            VadTuning.DEFAULTS));
  }

  private final class NodeHandler extends SimpleChannelInboundHandler<ProtocolMessage> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ProtocolMessage msg) {
      long now = System.nanoTime();
      if (msg instanceof Transcript t) {
        if (t.isFinal()) {
          answer(ctx, t, now);
        }
      } else if (msg instanceof DtmfReceived d) {
        CallProbe p = calls.get(d.callId());
        if (p != null) {
          p.dtmfReceived(now);
        }
      } else if (msg instanceof CallStats s) {
        m.callStats.increment();
        m.serverPlayoutGaps.add(s.playoutGaps());
        m.serverBargeIns.add(s.bargeIns());
        m.serverFramesIn.add(s.framesIn());
        m.serverFramesOut.add(s.framesOut());
        m.serverMaxInboundNanos.accumulateAndGet(s.maxInboundNanos(), Math::max);
      } else if (msg instanceof ErrorMessage e) {
        if (e.code() == ErrorCode.UNKNOWN_CALL && ended.contains(e.callId())) {
          // A reply to the call's last words crossed its SESSION_END: a race any control plane
          // has, answered correctly by the node, not a node error.
          m.commandsAfterEnd.increment();
          return;
        }
        // UNKNOWN_CALL for a call whose SESSION_END has not come is a node error: the node answers
        // a command for a call it cannot find only after that call's SESSION_END.
        m.nodeErrors.increment();
        m.firstNodeError.compareAndSet(null, e.code() + ": " + e.text());
      } else if (msg instanceof SessionEnd e) {
        m.sessionEnds.increment();
        if (calls.remove(e.callId()) != null) {
          ended.add(e.callId());
        }
      } else if (msg instanceof Hello) {
        node = ctx.channel();
        ctx.writeAndFlush(new HelloAck(1, HEARTBEAT_MS));
        ctx.executor()
            .scheduleAtFixedRate(
                () -> ctx.writeAndFlush(new Heartbeat(0, 0)),
                HEARTBEAT_MS,
                HEARTBEAT_MS,
                TimeUnit.MILLISECONDS);
        helloSeen.countDown();
      }
    }

    private void answer(ChannelHandlerContext ctx, Transcript t, long now) {
      m.finals.increment();
      CallProbe p = calls.get(t.callId());
      if (p == null) {
        return;
      }
      p.finalArrived(now);
      int utterance = p.nextUtterance.getAndIncrement();
      String text = REPLIES.get((p.index + utterance) % REPLIES.size());
      p.speakSending(System.nanoTime());
      ctx.writeAndFlush(new Speak(p.callId, utterance, 0, true, true, text));
      m.speaks.increment();
    }
  }

  @Override
  public void close() {
    server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    Channel c = node;
    if (c != null) {
      c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
