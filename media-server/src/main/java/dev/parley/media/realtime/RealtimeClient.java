package dev.parley.media.realtime;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLException;

/**
 * One WebSocket to the OpenAI Realtime API, speaking its <b>GA interface</b> (the documented {@code
 * /v1/realtime} protocol with {@code session.type = "realtime"}, {@code audio/pcmu} formats and
 * {@code response.output_audio.*} events; no {@code OpenAI-Beta: realtime=v1} header, which selects
 * the older beta shapes). Authenticates with {@code Authorization: Bearer <key>}.
 *
 * <p>The socket runs on the event loop it is given (the call's), so every {@link Listener} callback
 * arrives on that loop and the call needs no locks. Text messages are read by {@link
 * RealtimeEventReader}; a message that breaks the protocol closes the socket with 1002 and reports
 * it once. Event loop only, except {@link #connect}.
 */
public final class RealtimeClient {

  /** What the socket reports, always on its event loop. */
  public interface Listener {
    /** The upgrade succeeded; client events can be sent. */
    void connected();

    /** One server event. */
    void event(RealtimeServerEvent event);

    /**
     * The socket is gone and will report nothing more. {@code reason} says why (a refused upgrade,
     * the provider's close frame, a protocol violation, a dropped connection); not called after
     * {@link #close()}.
     */
    void closed(String reason);
  }

  private static volatile SslContext tls;

  /** Resolves provider host names (a blocking call) away from the event loops. */
  private static final Executor RESOLVER =
      Executors.newCachedThreadPool(new DefaultThreadFactory("parley-realtime-resolve", true));

  private Channel channel;
  private final Listener listener;
  private final RealtimeClientEvents events = new RealtimeClientEvents();
  private boolean closing;
  private boolean reported;
  private String closeReason;
  private long eventsIn;
  private long bytesIn;
  private long eventsOut;

  private RealtimeClient(Listener listener) {
    this.listener = listener;
  }

  /**
   * Opens the socket on {@code loop} with channels of {@code channelClass} (the transport of that
   * loop); the outcome arrives through {@code listener}.
   */
  public static RealtimeClient connect(
      RealtimeConfig config,
      EventLoop loop,
      Class<? extends Channel> channelClass,
      Listener listener) {
    URI uri = config.endpoint();
    boolean secure = "wss".equals(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + config.apiKey());
    WebSocketClientProtocolConfig ws =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .version(WebSocketVersion.V13)
            .customHeaders(headers)
            .maxFramePayloadLength(config.maxEventBytes())
            .handleCloseFrames(false)
            .sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
            .handshakeTimeoutMillis(10_000)
            .build();
    RealtimeClient client = new RealtimeClient(listener);
    Bootstrap b =
        new Bootstrap()
            .group(loop)
            .channel(channelClass)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ChannelPipeline p = ch.pipeline();
                    if (secure) {
                      p.addLast(tls().newHandler(ch.alloc(), uri.getHost(), port));
                    }
                    p.addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(64 * 1024))
                        .addLast(new WebSocketClientProtocolHandler(ws))
                        .addLast(new WebSocketFrameAggregator(config.maxEventBytes()))
                        .addLast(client.new Handler(config.maxEventBytes()));
                  }
                });
    Channel ch = b.register().channel();
    client.channel = ch;
    // Name resolution blocks, so it runs off the call's event loop; the connect runs on it.
    CompletableFuture.supplyAsync(() -> new InetSocketAddress(uri.getHost(), port), RESOLVER)
        .whenComplete(
            (address, error) ->
                ch.eventLoop().execute(() -> client.connect(address, error, uri.getHost(), port)));
    return client;
  }

  private void connect(InetSocketAddress address, Throwable error, String host, int port) {
    if (closing) {
      channel.close();
      return;
    }
    if (error == null && address.isUnresolved()) {
      error = new java.net.UnknownHostException(host);
    }
    if (error != null) {
      report("cannot resolve " + host + ": " + error.getMessage());
      channel.close();
      return;
    }
    channel
        .connect(address)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    report(
                        "cannot connect to " + host + ":" + port + ": " + f.cause().getMessage());
                  }
                });
  }

  private static SslContext tls() {
    SslContext c = tls;
    if (c == null) {
      try {
        c = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
      } catch (SSLException e) {
        throw new IllegalStateException("no TLS client context", e);
      }
      tls = c;
    }
    return c;
  }

  /** Sends one client event written as JSON text. */
  public void send(String json) {
    if (!closing && channel.isActive()) {
      eventsOut++;
      channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
    }
  }

  /** Sends {@code input_audio_buffer.append} with {@code len} μ-law bytes of inbound audio. */
  public void sendAudio(byte[] mulaw, int off, int len) {
    if (!closing && channel.isActive()) {
      eventsOut++;
      ByteBuf json = events.audioAppend(channel.alloc(), mulaw, off, len);
      channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
    }
  }

  /** Closes the socket with 1000 (the protocol handler sends the close frame); idempotent. */
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    channel.close();
  }

  /** True once the socket is closed or closing. */
  public boolean closed() {
    return closing || !channel.isOpen();
  }

  public long eventsIn() {
    return eventsIn;
  }

  public long bytesIn() {
    return bytesIn;
  }

  public long eventsOut() {
    return eventsOut;
  }

  private void report(String reason) {
    if (reported || closing) {
      return;
    }
    reported = true;
    listener.closed(reason);
  }

  /** Inbound side: handshake outcome, text messages, the provider's close frame, errors. */
  private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final RealtimeEventReader reader;

    Handler(int maxEventBytes) {
      this.reader = new RealtimeEventReader(maxEventBytes);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        if (!closing) {
          listener.connected();
        }
      } else if (evt
          == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        closeReason = "realtime handshake timed out";
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame text) {
        ByteBuf content = text.content();
        int n = content.readableBytes();
        eventsIn++;
        bytesIn += n;
        RealtimeServerEvent e;
        try {
          e = reader.read(ByteBufUtil.getBytes(content), 0, n);
        } catch (RealtimeProtocolException bad) {
          closeReason = "realtime protocol error: " + bad.getMessage();
          ctx.writeAndFlush(
                  new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR, "bad event"))
              .addListener(ChannelFutureListener.CLOSE);
          return;
        }
        if (!closing && !reported) {
          listener.event(e);
        }
      } else if (frame instanceof CloseWebSocketFrame close) {
        closeReason =
            "realtime socket closed by provider: "
                + close.statusCode()
                + (close.reasonText().isEmpty() ? "" : " " + close.reasonText());
        ctx.close();
      }
      // Binary frames are not part of the protocol; pings are answered by the protocol handler.
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof WebSocketClientHandshakeException hs) {
        closeReason =
            "realtime handshake refused"
                + (hs.response() != null ? ": HTTP " + hs.response().status() : "")
                + " ("
                + hs.getMessage()
                + ")";
      } else if (closeReason == null && cause instanceof IOException) {
        // A reset or a broken pipe on a write: the provider went away without a close frame, the
        // same event as a socket that just closes; which of the two we see first is a race.
        closeReason = "realtime connection dropped (" + cause.getMessage() + ")";
      } else if (closeReason == null) {
        closeReason = "realtime socket failed: " + cause;
      }
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      report(closeReason != null ? closeReason : "realtime connection dropped");
      super.channelInactive(ctx);
    }
  }
}
