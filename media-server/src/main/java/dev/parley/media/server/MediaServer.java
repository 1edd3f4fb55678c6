package dev.parley.media.server;

import dev.parley.media.call.CallRegistry;
import dev.parley.media.call.CallServices;
import dev.parley.media.control.ControlChannel;
import dev.parley.media.control.ControlLink;
import dev.parley.media.metrics.MetricsHttpHandler;
import dev.parley.media.metrics.ServerMetrics;
import dev.parley.media.realtime.RealtimeConfig;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.speech.TextToSpeech;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media node: boots the Twilio WebSocket listener, the metrics listener and the control link,
 * and shuts them down. Embeddable: {@link #start} returns once both ports are bound.
 */
public final class MediaServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MediaServer.class);

  /** How long a SESSION_START waits for its Twilio stream: ringing plus answering, generously. */
  private static final long PREPARED_CALL_TTL_NANOS = TimeUnit.MINUTES.toNanos(3);

  private final MediaServerConfig config;
  private final Transport transport;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final ServerMetrics metrics = new ServerMetrics();
  private final CallRegistry registry;
  private final TextToSpeech tts;
  private final Channel streamChannel;
  private final Channel metricsChannel;
  private final ControlLink control;
  private final String publicUrl;
  private volatile boolean closed;

  private MediaServer(
      MediaServerConfig config, SpeechToText stt, TextToSpeech tts, RealtimeConfig realtime)
      throws InterruptedException {
    this.config = config;
    this.tts = tts;
    this.transport = Transport.best();
    this.bossGroup = transport.newGroup(1, new DefaultThreadFactory("parley-media-accept", true));
    this.workerGroup =
        transport.newGroup(config.ioThreads(), new DefaultThreadFactory("parley-media-io", true));
    AtomicReference<ControlChannel> controlRef = new AtomicReference<>(ControlChannel.NONE);
    CallServices services =
        new CallServices(config, metrics, stt, tts, controlRef::get, Clock.systemUTC(), realtime);
    this.registry = new CallRegistry(services);

    ServerBootstrap b =
        new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            // The pooled allocator's per-event-loop caches make an outbound frame's buffer free of
            // heap allocation; MediaFrameBenchmark measures the same allocator.
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childHandler(new MediaServerInitializer(registry, services));
    this.streamChannel = b.bind(config.bindHost(), config.port()).sync().channel();
    int port = ((InetSocketAddress) streamChannel.localAddress()).getPort();
    this.publicUrl =
        config.publicUrl().isEmpty()
            ? "ws://" + advertisedHost(config.bindHost()) + ":" + port
            : config.publicUrl();

    if (config.metricsPort() >= 0) {
      ServerBootstrap m =
          new ServerBootstrap()
              .group(bossGroup, workerGroup)
              .channel(transport.serverChannel())
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(8192))
                          .addLast(new MetricsHttpHandler(metrics));
                    }
                  });
      this.metricsChannel = m.bind(config.bindHost(), config.metricsPort()).sync().channel();
    } else {
      this.metricsChannel = null;
    }

    // A call announced by SESSION_START whose stream never comes is ended, not kept forever.
    workerGroup
        .next()
        .scheduleAtFixedRate(
            () -> registry.expirePrepared(PREPARED_CALL_TTL_NANOS), 1, 1, TimeUnit.SECONDS);

    if (config.controlPort() > 0) {
      this.control =
          new ControlLink(
              config, workerGroup, transport.clientChannel(), registry, metrics, () -> publicUrl);
      controlRef.set(control);
      control.start();
    } else {
      this.control = null;
    }
    log.info(
        "media server up ({}): streams on {} ({}), metrics on {}, control {}",
        transport.name(),
        streamChannel.localAddress(),
        publicUrl,
        metricsChannel == null ? "off" : metricsChannel.localAddress(),
        control == null ? "off" : config.controlHost() + ":" + config.controlPort());
    if (MediaServerConfig.DEV_STREAM_SECRET.equals(config.streamSecret())) {
      log.warn(
          "PARLEY_STREAM_SECRET is not set: using the development secret; set it in production");
    }
  }

  /** Starts a node with the given speech providers; returns once its ports are bound. */
  public static MediaServer start(MediaServerConfig config, SpeechToText stt, TextToSpeech tts) {
    return start(config, stt, tts, RealtimeConfig.fromEnvironment());
  }

  /** Starts a node with the given speech providers and speech-to-speech settings. */
  public static MediaServer start(
      MediaServerConfig config, SpeechToText stt, TextToSpeech tts, RealtimeConfig realtime) {
    try {
      return new MediaServer(config, stt, tts, realtime);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding", e);
    }
  }

  /** Starts a node with the offline providers ({@link SpeechProviders#offline()}). */
  public static MediaServer start(MediaServerConfig config) {
    SpeechProviders p = SpeechProviders.offline();
    return start(config, p.speechToText(), p.textToSpeech());
  }

  private static String advertisedHost(String bindHost) {
    return "0.0.0.0".equals(bindHost) || "::".equals(bindHost) ? "127.0.0.1" : bindHost;
  }

  /** The bound WebSocket port. */
  public int port() {
    return ((InetSocketAddress) streamChannel.localAddress()).getPort();
  }

  /** The bound metrics port, -1 when metrics are off. */
  public int metricsPort() {
    return metricsChannel == null
        ? -1
        : ((InetSocketAddress) metricsChannel.localAddress()).getPort();
  }

  /** The base URL announced to the control plane; streams are at {@code <url>/streams/<callId>}. */
  public String publicUrl() {
    return publicUrl;
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  public CallRegistry calls() {
    return registry;
  }

  /** True while the control link is up and acknowledged. */
  public boolean controlConnected() {
    return control != null && control.connected();
  }

  /** Ends every call, stops the control link and the listeners, and releases the event loops. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    registry.shutdown();
    if (control != null) {
      control.stop();
    }
    streamChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    if (metricsChannel != null) {
      metricsChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    workerGroup
        .shutdownGracefully(0, 2, TimeUnit.SECONDS)
        .awaitUninterruptibly(5, TimeUnit.SECONDS);
    bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    tts.close();
    log.info("media server stopped");
  }
}
