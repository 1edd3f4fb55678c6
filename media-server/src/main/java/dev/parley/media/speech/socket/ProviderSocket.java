package dev.parley.media.speech.socket;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection to a speech provider (Deepgram, ElevenLabs): connects, upgrades with the
 * provider's headers, and reports what arrives to a {@link Handler} on the socket's event loop.
 * Sends and {@link #close} run on that loop (callers hop there with {@link #execute}); {@link
 * #connect}, {@link #abort} and {@link #execute} may be called from any thread. A handler sees one
 * thread and needs no locks.
 *
 * <p>Exactly one {@link Handler#onEnd} ends every socket, whichever comes first: a failed connect
 * or upgrade, a close frame from the provider, our own close, or a connection that just drops.
 */
public final class ProviderSocket {

  /** Callbacks on the socket's event loop. */
  public interface Handler {

    /** The upgrade succeeded; sends go out from now on. */
    void onOpen();

    /** A complete text message (fragments already joined). */
    void onText(String text);

    /** A complete binary message; the buffer is only valid during the call. */
    void onBinary(ByteBuf data);

    /** The socket is over; called once, last. */
    void onEnd(Termination end);
  }

  /** How long our close waits for the provider's close frame before dropping the connection. */
  private static final long CLOSE_GRACE_MS = 2000;

  private final EventLoop loop;
  private final Handler handler;
  private final Channel channel;
  private final ProviderConnector connector;
  private final String host;
  private final int port;
  private boolean open;
  private boolean closeSent;
  private boolean weClosedFirst;
  private boolean ended;
  private int peerCloseCode = -1;
  private String peerCloseReason = "";
  private Termination failure;
  private ScheduledFuture<?> closeTimer;

  private ProviderSocket(
      ProviderConnector connector, URI uri, HttpHeaders headers, Handler handler) {
    this.connector = connector;
    this.loop = connector.group().next();
    this.handler = handler;
    boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
    String host = uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    WebSocketClientProtocolConfig ws =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .version(WebSocketVersion.V13)
            .customHeaders(headers)
            .maxFramePayloadLength(connector.maxFrameBytes())
            .handleCloseFrames(false)
            .dropPongFrames(true)
            .handshakeTimeoutMillis(connector.connectTimeout().toMillis())
            .build();
    Bootstrap b =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connector.connectTimeout().toMillis())
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ChannelPipeline p = ch.pipeline();
                    if (tls) {
                      p.addLast(connector.ssl().newHandler(ch.alloc(), host, port));
                    }
                    p.addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(64 * 1024))
                        .addLast(new WebSocketClientProtocolHandler(ws))
                        .addLast(new WebSocketFrameAggregator(connector.maxFrameBytes()))
                        .addLast(new ProviderSocketInbound(ProviderSocket.this));
                  }
                });
    this.host = host;
    this.port = port;
    this.channel = b.register().channel();
  }

  /**
   * A socket to {@code uri} ({@code ws://} or {@code wss://}) with {@code headers} on the upgrade
   * request, not yet connecting: keep the reference, then {@link #connect}.
   */
  public static ProviderSocket create(
      ProviderConnector connector, URI uri, HttpHeaders headers, Handler handler) {
    return new ProviderSocket(connector, uri, headers, handler);
  }

  /** Starts connecting; returns at once, the outcome arrives through the handler. */
  public void connect() {
    connector
        .resolve(host, port)
        .whenComplete(
            (address, error) ->
                execute(
                    () -> {
                      if (ended || closeSent) {
                        channel.close();
                        end(Termination.connectFailed("closed before connecting", null, true));
                      } else if (error != null || address.isUnresolved()) {
                        channel.close();
                        end(Termination.connectFailed("cannot resolve " + host, error));
                      } else {
                        channel
                            .connect(address)
                            .addListener(f -> connected(f.isSuccess(), f.cause()));
                      }
                    }));
  }

  private void connected(boolean ok, Throwable cause) {
    if (!ok) {
      channel.close();
      end(
          Termination.connectFailed(
              "cannot connect to " + host + ":" + port, cause, weClosedFirst));
    }
  }

  /** The loop every callback runs on; {@link #execute} work there. */
  public EventLoop loop() {
    return loop;
  }

  /** Runs {@code task} on the socket's loop. */
  public void execute(Runnable task) {
    if (loop.inEventLoop()) {
      task.run();
    } else {
      loop.execute(task);
    }
  }

  /** True between the upgrade and our close (or the end); loop only. */
  public boolean isOpen() {
    return open && !closeSent && !ended;
  }

  /** Sends a text message; dropped when the socket is not open. Loop only. */
  public void sendText(String text) {
    if (isOpen()) {
      channel.writeAndFlush(new TextWebSocketFrame(text), channel.voidPromise());
    }
  }

  /** Sends a binary message, taking ownership of {@code data}. Loop only. */
  public void sendBinary(ByteBuf data) {
    if (isOpen()) {
      channel.writeAndFlush(new BinaryWebSocketFrame(data), channel.voidPromise());
    } else {
      data.release();
    }
  }

  /**
   * Starts a normal close (1000): our close frame, then the provider's; the connection is dropped
   * if the provider does not answer within a grace period. Loop only.
   */
  public void close() {
    if (ended) {
      return;
    }
    if (!open) {
      abort();
      return;
    }
    if (!closeSent) {
      closeSent = true;
      weClosedFirst = true;
      channel.writeAndFlush(new CloseWebSocketFrame(1000, "done"));
      closeTimer = loop.schedule(() -> channel.close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** Drops the connection now, without a close handshake. Safe from any thread. */
  public void abort() {
    execute(
        () -> {
          if (!ended) {
            closeSent = true;
            weClosedFirst = true;
            channel.close();
          }
        });
  }

  // ---- called by ProviderSocketInbound on the loop ----------------------------------------

  void opened() {
    if (!ended && !closeSent) {
      open = true;
      handler.onOpen();
    }
  }

  void text(String text) {
    if (!ended) {
      handler.onText(text);
    }
  }

  void binary(ByteBuf data) {
    if (!ended) {
      handler.onBinary(data);
    }
  }

  void peerClosed(int code, String reason) {
    peerCloseCode = code;
    peerCloseReason = reason == null ? "" : reason;
    if (!closeSent) {
      // Echo the close (RFC 6455 §5.5.1), then drop the TCP connection.
      closeSent = true;
      channel
          .writeAndFlush(new CloseWebSocketFrame(code < 1000 ? 1000 : code, ""))
          .addListener(f -> channel.close());
    } else {
      channel.close();
    }
  }

  void failed(Termination t) {
    // Once open, how the connection ends (close frame or not) says more than the exception.
    if (failure == null && !open) {
      failure = t;
    }
    channel.close();
  }

  void inactive() {
    if (failure != null) {
      end(failure);
    } else if (!open) {
      end(Termination.connectFailed("connection closed during the upgrade", null, weClosedFirst));
    } else if (peerCloseCode >= 0) {
      end(Termination.closed(peerCloseCode, peerCloseReason, weClosedFirst));
    } else {
      end(Termination.dropped(weClosedFirst));
    }
  }

  private void end(Termination t) {
    if (ended) {
      return;
    }
    ended = true;
    open = false;
    if (closeTimer != null) {
      closeTimer.cancel(false);
    }
    handler.onEnd(t);
  }
}
