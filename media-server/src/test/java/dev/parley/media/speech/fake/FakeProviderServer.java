package dev.parley.media.speech.fake;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A WebSocket server on a real socket for provider fakes (test scope): accepts upgrades on any
 * path, lets a {@link Behaviour} refuse an upgrade with an HTTP response (a 401, as providers do)
 * or speak the provider's protocol, and records what every connection received.
 */
public final class FakeProviderServer implements AutoCloseable {

  /** What the fake provider does. Callbacks run on the server's event loop. */
  public interface Behaviour {

    /** A response to refuse the upgrade with, or null to accept it. */
    default FullHttpResponse refuse(FullHttpRequest upgrade) {
      return null;
    }

    default void opened(Conn c) {}

    void text(Conn c, String text);

    default void binary(Conn c, byte[] data) {}
  }

  /** One accepted WebSocket connection. */
  public static final class Conn {
    private final Channel channel;
    private final URI uri;
    private final HttpHeaders headers;
    private final List<String> texts = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();
    private long binaryBytes;
    private int closeCodeReceived = -1;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    Conn(Channel channel, URI uri, HttpHeaders headers) {
      this.channel = channel;
      this.uri = uri;
      this.headers = headers;
    }

    public URI uri() {
      return uri;
    }

    /** The upgrade request's query parameters, first value each. */
    public Map<String, String> query() {
      Map<String, String> m = new java.util.HashMap<>();
      new QueryStringDecoder(uri).parameters().forEach((k, v) -> m.put(k, v.get(0)));
      return m;
    }

    public HttpHeaders headers() {
      return headers;
    }

    public void sendText(String text) {
      channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    public void sendBinary(byte[] data) {
      channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
    }

    /**
     * Sends a close frame with {@code code} and {@code reason}; the connection ends when the client
     * answers it (or after 1 s). Closing TCP at once would reset the connection while the client's
     * messages are still in flight, and the client could lose what was sent before the close.
     */
    public void close(int code, String reason) {
      channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
      channel.eventLoop().schedule(() -> channel.close(), 1, TimeUnit.SECONDS);
    }

    /** Runs {@code task} every {@code ms} on the connection's loop until it closes. */
    public void every(long ms, Runnable task) {
      var f = channel.eventLoop().scheduleAtFixedRate(task, ms, ms, TimeUnit.MILLISECONDS);
      closed.whenComplete((v, e) -> f.cancel(false));
    }

    /** Drops the TCP connection with no close frame. */
    public void drop() {
      channel.close();
    }

    /** Text messages received, in order. */
    public synchronized List<String> texts() {
      return List.copyOf(texts);
    }

    /** Every message in order: a String for text, an Integer byte count for binary. */
    public synchronized List<Object> events() {
      return List.copyOf(events);
    }

    public synchronized long binaryBytes() {
      return binaryBytes;
    }

    /** The client's close code, -1 if none came. */
    public synchronized int closeCodeReceived() {
      return closeCodeReceived;
    }

    public CompletableFuture<Void> closed() {
      return closed;
    }

    synchronized void recordText(String t) {
      texts.add(t);
      events.add(t);
    }

    synchronized void recordBinary(int n) {
      binaryBytes += n;
      events.add(n);
    }

    synchronized void recordClose(int code) {
      closeCodeReceived = code;
    }
  }

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final Behaviour behaviour;
  private final List<Conn> conns = new ArrayList<>();
  private volatile int upgradesRefused;

  public FakeProviderServer(Behaviour behaviour) throws InterruptedException {
    this.behaviour = behaviour;
    WebSocketServerProtocolConfig ws =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(true)
            .handleCloseFrames(false)
            .sendCloseFrame(null)
            .maxFramePayloadLength(1 << 20)
            .build();
    this.server =
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
                        .addLast(new UpgradeGate())
                        .addLast(new WebSocketServerProtocolHandler(ws))
                        .addLast(new WebSocketFrameAggregator(1 << 20))
                        .addLast(new Frames());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** {@code ws://127.0.0.1:<port>} */
  public URI baseUrl() {
    return URI.create("ws://127.0.0.1:" + port());
  }

  public int upgradesRefused() {
    return upgradesRefused;
  }

  public synchronized List<Conn> connections() {
    return List.copyOf(conns);
  }

  /** Waits for connection number {@code i} (from 0). */
  public Conn awaitConnection(int i, long timeoutMs) throws InterruptedException {
    if (!await(() -> connections().size() > i, timeoutMs)) {
      throw new AssertionError("no connection #" + i + " within " + timeoutMs + " ms");
    }
    return connections().get(i);
  }

  /** Polls {@code condition} every 5 ms until it holds or {@code timeoutMs} pass. */
  public static boolean await(BooleanSupplier condition, long timeoutMs)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(5);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }

  /** Lets the behaviour refuse an upgrade before the WebSocket handler sees it. */
  private final class UpgradeGate extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpRequest req) {
        FullHttpResponse refusal = behaviour.refuse(req);
        if (refusal != null) {
          upgradesRefused++;
          req.release();
          refusal.headers().setInt("content-length", refusal.content().readableBytes());
          ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
          return;
        }
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** Records frames and hands them to the behaviour. */
  private final class Frames extends ChannelInboundHandlerAdapter {
    static final io.netty.util.AttributeKey<Conn> CONN = io.netty.util.AttributeKey.valueOf("conn");

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hc) {
        Conn c = new Conn(ctx.channel(), URI.create(hc.requestUri()), hc.requestHeaders());
        ctx.channel().attr(Frames.CONN).set(c);
        synchronized (FakeProviderServer.this) {
          conns.add(c);
        }
        behaviour.opened(c);
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      Conn c = ctx.channel().attr(CONN).get();
      try {
        if (c == null) {
          return;
        }
        if (msg instanceof TextWebSocketFrame t) {
          String text = t.text();
          c.recordText(text);
          behaviour.text(c, text);
        } else if (msg instanceof BinaryWebSocketFrame b) {
          byte[] data = ByteBufUtil.getBytes(b.content());
          c.recordBinary(data.length);
          behaviour.binary(c, data);
        } else if (msg instanceof CloseWebSocketFrame cf) {
          c.recordClose(cf.statusCode());
          ctx.writeAndFlush(new CloseWebSocketFrame(cf.statusCode(), ""))
              .addListener(ChannelFutureListener.CLOSE);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      Conn c = ctx.channel().attr(CONN).get();
      if (c != null) {
        c.closed.complete(null);
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
