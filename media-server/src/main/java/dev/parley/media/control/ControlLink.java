package dev.parley.media.control;

import dev.parley.media.call.CallRegistry;
import dev.parley.media.call.CallSession;
import dev.parley.media.metrics.ServerMetrics;
import dev.parley.media.server.MediaServerConfig;
import dev.parley.protocol.Clear;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ErrorMessage;
import dev.parley.protocol.Hangup;
import dev.parley.protocol.Heartbeat;
import dev.parley.protocol.Hello;
import dev.parley.protocol.HelloAck;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.SendDtmf;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.Speak;
import dev.parley.protocol.ToolResult;
import dev.parley.protocol.netty.ProtocolFrameDecoder;
import dev.parley.protocol.netty.ProtocolFrameEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media node's one TCP connection to the control plane, speaking the binary protocol: says
 * HELLO with capacity and public stream URL, heartbeats, dispatches call messages to the calls'
 * event loops, and reconnects with exponential backoff. It buffers nothing: while it is down,
 * {@link #send} says so and the calls end.
 */
public final class ControlLink implements ControlChannel {

  private static final Logger log = LoggerFactory.getLogger(ControlLink.class);

  private final MediaServerConfig config;
  private final EventLoopGroup group;
  private final Class<? extends SocketChannel> channelClass;
  private final CallRegistry registry;
  private final ServerMetrics metrics;
  private final Supplier<String> mediaUrl;
  private volatile Channel channel;
  private volatile boolean ready;
  private volatile boolean stopped;
  // Written from whichever event loop ran the last attempt; attempts never overlap.
  private volatile int failures;
  private volatile boolean everConnected;

  public ControlLink(
      MediaServerConfig config,
      EventLoopGroup group,
      Class<? extends SocketChannel> channelClass,
      CallRegistry registry,
      ServerMetrics metrics,
      Supplier<String> mediaUrl) {
    this.config = config;
    this.group = group;
    this.channelClass = channelClass;
    this.registry = registry;
    this.metrics = metrics;
    this.mediaUrl = mediaUrl;
    metrics.controlConnected(this::connected);
  }

  /** Starts connecting; returns at once. */
  public void start() {
    connect();
  }

  private void connect() {
    if (stopped) {
      return;
    }
    if (everConnected || failures > 0) {
      metrics.controlReconnects.increment();
    }
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(channelClass)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast("protocol-decoder", new ProtocolFrameDecoder())
                        .addLast("protocol-encoder", new ProtocolFrameEncoder())
                        .addLast("control", new Handler());
                  }
                });
    b.connect(config.controlHost(), config.controlPort())
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    log.debug(
                        "control link: connect to {}:{} failed: {}",
                        config.controlHost(),
                        config.controlPort(),
                        f.cause().toString());
                    scheduleReconnect(f.channel().eventLoop());
                    return;
                  }
                  channel = f.channel();
                  everConnected = true;
                  Hello hello =
                      new Hello(
                          config.nodeId(),
                          ProtocolVersion.MIN,
                          ProtocolVersion.MAX,
                          config.capacity(),
                          mediaUrl.get());
                  f.channel().writeAndFlush(hello);
                  log.info(
                      "control link: connected to {}:{}, HELLO sent",
                      config.controlHost(),
                      config.controlPort());
                });
  }

  private void scheduleReconnect(io.netty.channel.EventLoop loop) {
    if (stopped) {
      return;
    }
    long min = config.reconnectMin().toMillis();
    long max = config.reconnectMax().toMillis();
    long delay = Math.min(max, min << Math.min(failures, 20));
    failures++;
    // Up to 20% jitter, so a fleet of nodes does not reconnect in lockstep after a restart.
    delay += ThreadLocalRandom.current().nextLong(delay / 5 + 1);
    (loop != null ? loop : group.next()).schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean send(ProtocolMessage message) {
    Channel c = channel;
    if (c == null || !ready || !c.isActive()) {
      return false;
    }
    c.writeAndFlush(message, c.voidPromise());
    return true;
  }

  @Override
  public boolean connected() {
    Channel c = channel;
    return ready && c != null && c.isActive();
  }

  /** Stops reconnecting and closes the connection. */
  public void stop() {
    stopped = true;
    ready = false;
    Channel c = channel;
    if (c != null) {
      c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<ProtocolMessage> {
    private ScheduledFuture<?> heartbeat;
    private long intervalNanos;
    private long lastReadNanos = System.nanoTime();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ProtocolMessage msg) {
      lastReadNanos = System.nanoTime();
      try {
        dispatch(ctx, msg);
      } catch (RuntimeException e) {
        log.error("control link: failed to handle {}", msg.type(), e);
      }
    }

    private void dispatch(ChannelHandlerContext ctx, ProtocolMessage msg) {
      if (msg instanceof HelloAck ack) {
        ready = true;
        failures = 0;
        // Both sides beat at the interval the control plane chose (PROTOCOL.md, Heartbeats).
        long interval = Math.max(100, ack.heartbeatIntervalMs());
        intervalNanos = interval * 1_000_000L;
        heartbeat =
            ctx.executor()
                .scheduleAtFixedRate(() -> beat(ctx), interval, interval, TimeUnit.MILLISECONDS);
        log.info(
            "control link: HELLO_ACK version {}, heartbeat every {} ms", ack.version(), interval);
      } else if (msg instanceof SessionStart start) {
        registry.sessionStart(start);
      } else if (msg instanceof Speak speak) {
        toCall(ctx, speak.callId(), s -> s.onSpeak(speak));
      } else if (msg instanceof Clear clear) {
        toCall(ctx, clear.callId(), CallSession::onClear);
      } else if (msg instanceof SendDtmf dtmf) {
        toCall(ctx, dtmf.callId(), s -> s.onSendDtmf(dtmf.digits()));
      } else if (msg instanceof ToolResult result) {
        toCall(ctx, result.callId(), s -> s.onToolResult(result));
      } else if (msg instanceof Hangup hangup) {
        if (!registry.dispatch(hangup.callId(), s -> s.onHangup(hangup.reason()))
            && !registry.cancelPrepared(hangup.callId(), hangup.reason())) {
          unknownCall(ctx, hangup.callId());
        }
      } else if (msg instanceof SessionEnd end) {
        // The control plane cancels the call; the node still answers with CALL_STATS + SESSION_END.
        if (!registry.dispatch(end.callId(), s -> s.onCancelled(end.text()))
            && !registry.cancelPrepared(end.callId(), end.text())) {
          unknownCall(ctx, end.callId());
        }
      } else if (msg instanceof ErrorMessage err) {
        log.warn("control link: peer reports {} for {}: {}", err.code(), err.callId(), err.text());
      } else if (!(msg instanceof Heartbeat)) {
        log.warn("control link: unexpected {}", msg.type());
      }
    }

    private void toCall(ChannelHandlerContext ctx, UUID callId, Consumer<CallSession> action) {
      if (!registry.dispatch(callId, action)) {
        unknownCall(ctx, callId);
      }
    }

    /**
     * Answers UNKNOWN_CALL behind what the link's event loop has queued. A call queues its
     * SESSION_END here (from its own event loop) before it leaves the registry, so a command that
     * finds it gone is answered after that SESSION_END, never ahead of it: written at once, the
     * answer overtook a SESSION_END queued while this loop was reading.
     */
    private void unknownCall(ChannelHandlerContext ctx, UUID callId) {
      ErrorMessage answer =
          new ErrorMessage(callId, ErrorCode.UNKNOWN_CALL, "no such call streaming on this node");
      ctx.executor().execute(() -> ctx.writeAndFlush(answer));
    }

    private void beat(ChannelHandlerContext ctx) {
      if (System.nanoTime() - lastReadNanos > 3 * intervalNanos) {
        // PROTOCOL.md: nothing received for three intervals is a dead peer.
        log.warn("control link: nothing from the control plane for three heartbeats, closing");
        ctx.writeAndFlush(
                new ErrorMessage(
                    ProtocolMessage.NO_CALL,
                    ErrorCode.HEARTBEAT_TIMEOUT,
                    "no frame for three heartbeat intervals"))
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      int active = registry.activeCount();
      int load = (int) Math.min(1000, active * 1000L / config.capacity());
      ctx.writeAndFlush(new Heartbeat(active, load), ctx.voidPromise());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      boolean wasReady = ready;
      ready = false;
      if (heartbeat != null) {
        heartbeat.cancel(false);
      }
      if (channel == ctx.channel()) {
        channel = null;
      }
      log.warn("control link: disconnected{}", wasReady ? "; ending calls" : "");
      registry.controlLost();
      scheduleReconnect(ctx.channel().eventLoop());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof ProtocolException pe) {
        log.warn("control link: protocol error: {}", pe.getMessage());
        ctx.writeAndFlush(pe.toErrorMessage()).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      log.warn("control link: {}", cause.toString());
      ctx.close();
    }
  }
}
