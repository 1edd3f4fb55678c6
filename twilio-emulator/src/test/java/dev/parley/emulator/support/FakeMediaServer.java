package dev.parley.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Minimal stand-in for Parley's media server in tests: accepts Twilio's Media Stream WebSocket at
 * {@code /stream}, records every message and the upgrade's signature, and lets the test send media,
 * marks and clear.
 */
public final class FakeMediaServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  // A queue, not a copy-on-write list: with dozens of streams at 50 messages/s each, copying on
  // every add turns quadratic and stalls the server's event loop.
  private final java.util.Queue<JsonNode> messages =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.Map<String, AtomicInteger> counts =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicReference<Channel> peer = new AtomicReference<>();
  private final java.util.Map<String, Channel> byStreamSid =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();
  private volatile String upgradeSignature;

  public FakeMediaServer() throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(
                            new io.netty.channel.ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof io.netty.handler.codec.http.FullHttpRequest r) {
                                  upgradeSignature = r.headers().get("X-Twilio-Signature");
                                }
                                ctx.fireChannelRead(msg);
                              }
                            })
                        .addLast(
                            new WebSocketServerProtocolHandler("/stream", null, false, 1 << 20))
                        .addLast(new Handler());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  public String url() {
    return "ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/stream";
  }

  public String upgradeSignature() {
    return upgradeSignature;
  }

  public int connections() {
    return connections.get();
  }

  public int closes() {
    return closes.get();
  }

  public List<JsonNode> messages() {
    return List.copyOf(messages);
  }

  public List<JsonNode> messages(String event) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : messages) {
      if (event.equals(n.path("event").asText())) {
        out.add(n);
      }
    }
    return out;
  }

  /** Waits until some received message satisfies {@code p}. */
  public JsonNode await(Predicate<JsonNode> p, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      for (JsonNode n : messages) {
        if (p.test(n)) {
          return n;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no matching message within " + timeoutMs + " ms");
  }

  public void awaitCount(String event, int count, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      AtomicInteger n = counts.get(event);
      if (n != null && n.get() >= count) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError(
        "only "
            + counts.getOrDefault(event, new AtomicInteger()).get()
            + " "
            + event
            + " messages within "
            + timeoutMs
            + " ms");
  }

  /** Sends {@code ulaw} as one media message. */
  public void sendMedia(String streamSid, byte[] ulaw) {
    send(
        streamSid,
        "{\"event\":\"media\",\"streamSid\":\""
            + streamSid
            + "\",\"media\":{\"payload\":\""
            + Base64.getEncoder().encodeToString(ulaw)
            + "\"}}");
  }

  public void sendMark(String streamSid, String name) {
    send(
        streamSid,
        "{\"event\":\"mark\",\"streamSid\":\""
            + streamSid
            + "\",\"mark\":{\"name\":\""
            + name
            + "\"}}");
  }

  public void sendClear(String streamSid) {
    send(streamSid, "{\"event\":\"clear\",\"streamSid\":\"" + streamSid + "\"}");
  }

  /** Sends raw text on {@code streamSid}'s socket (messages queue in order on its event loop). */
  public void send(String streamSid, String text) {
    Channel ch = byStreamSid.getOrDefault(streamSid, peer.get());
    if (ch == null) {
      throw new IllegalStateException("no stream connected");
    }
    ch.writeAndFlush(new TextWebSocketFrame(text));
  }

  /** Closes the WebSocket from the media server's side. */
  public void closeStream() {
    Channel ch = peer.get();
    if (ch != null) {
      ch.writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(1000, "bye"))
          .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        peer.set(ctx.channel());
        connections.incrementAndGet();
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame)
        throws Exception {
      JsonNode n = JSON.readTree(frame.text());
      if ("start".equals(n.path("event").asText())) {
        byStreamSid.put(n.path("streamSid").asText(), ctx.channel());
      }
      messages.add(n);
      counts.computeIfAbsent(n.path("event").asText(), k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      closes.incrementAndGet();
      super.channelInactive(ctx);
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }
}
