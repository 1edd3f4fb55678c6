package dev.parley.emulator.stream;

import dev.parley.emulator.webhook.TwilioSignature;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * SIMULATION ONLY: opens Media Stream WebSockets as Twilio does, to {@code ws://} or {@code wss://}
 * URLs from {@code <Stream url>}, on the calling call's own event loop.
 *
 * <p>The upgrade request carries {@code X-Twilio-Signature} over the stream URL, as Twilio's does,
 * so the media server can authenticate it.
 */
public final class MediaStreamConnector {

  /** Largest application message accepted: a few seconds of audio in one message. */
  public static final int MAX_MESSAGE_BYTES = 1 << 20;

  private final String accountSid;
  private final String authToken;
  private final StreamCounters counters = new StreamCounters();
  private final SslContext ssl;
  private final boolean trustAll;
  private final Class<? extends SocketChannel> channelClass;

  /**
   * A connector signing upgrades with {@code authToken}, over sockets of {@code channelClass}
   * (which must match the transport of the event loops it connects on).
   */
  public MediaStreamConnector(
      String accountSid,
      String authToken,
      boolean trustAllCertificates,
      Class<? extends SocketChannel> channelClass) {
    this.channelClass = channelClass;
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.trustAll = trustAllCertificates;
    try {
      SslContextBuilder b = SslContextBuilder.forClient();
      if (trustAllCertificates) {
        b.trustManager(InsecureTrustManagerFactory.INSTANCE);
      }
      this.ssl = b.build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the client TLS context", e);
    }
  }

  /** Counters over every stream this connector opened. */
  public StreamCounters counters() {
    return counters;
  }

  /**
   * Opens a stream for {@code callSid} to {@code url} on {@code loop}; {@code listener} hears what
   * the application sends, and {@code onStreamClosed} if the connection fails. Call on {@code
   * loop}.
   */
  public MediaStreamSession connect(
      EventLoop loop,
      String url,
      String callSid,
      Map<String, String> customParameters,
      MediaStreamSession.Listener listener) {
    MediaStreamSession session =
        new MediaStreamSession(
            accountSid,
            callSid,
            newStreamSid(),
            customParameters,
            listener,
            counters,
            MAX_MESSAGE_BYTES);
    URI uri = URI.create(url);
    boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
    String host = uri.getHost();
    int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set(TwilioSignature.HEADER, TwilioSignature.compute(authToken, url, Map.of()));
    WebSocketClientProtocolConfig config =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .version(WebSocketVersion.V13)
            .customHeaders(headers)
            .maxFramePayloadLength(MAX_MESSAGE_BYTES)
            .handleCloseFrames(true)
            .dropPongFrames(true)
            // The reader's JSON parser rejects malformed UTF-8 in what it reads, and a media
            // payload must be base64 (ASCII); a second byte-by-byte pass per message is not needed.
            .withUTF8Validator(false)
            .build();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(channelClass)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .option(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(64 << 10, 256 << 10))
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ChannelPipeline p = ch.pipeline();
                    if (secure) {
                      SslHandler tls = ssl.newHandler(ch.alloc(), host, port);
                      if (!trustAll) {
                        SSLParameters params = tls.engine().getSSLParameters();
                        params.setEndpointIdentificationAlgorithm("HTTPS");
                        tls.engine().setSSLParameters(params);
                      }
                      p.addLast(tls);
                    }
                    p.addLast(new HttpClientCodec());
                    p.addLast(new HttpObjectAggregator(64 * 1024));
                    p.addLast(new WebSocketClientProtocolHandler(config));
                    p.addLast(new WebSocketFrameAggregator(MAX_MESSAGE_BYTES));
                    p.addLast(new MediaStreamClientHandler(session));
                  }
                });
    bootstrap
        .connect(host, port)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                counters.connectFailures.increment();
                session.closed("cannot connect to " + url + ": " + f.cause());
              }
            });
    return session;
  }

  static String newStreamSid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("MZ%016x%016x", r.nextLong(), r.nextLong());
  }
}
