package dev.parley.media.speech.socket;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * What every provider WebSocket on the node shares: a small event loop group of its own (provider
 * sockets never run on the Twilio event loops, so a slow provider cannot delay a call's 20 ms
 * tick), one TLS client context, and the connection limits. Closing it closes every socket.
 */
public final class ProviderConnector implements AutoCloseable {

  private final EventLoopGroup group;
  private final ExecutorService resolver;
  private final SslContext ssl;
  private final Duration connectTimeout;
  private final int maxFrameBytes;

  /**
   * @param threads event loop threads for provider sockets (I/O only: 1 or 2 serve many calls)
   * @param connectTimeout TCP connect plus WebSocket upgrade, each
   * @param maxFrameBytes largest message accepted from a provider (checked before buffering)
   */
  public ProviderConnector(int threads, Duration connectTimeout, int maxFrameBytes) {
    this.group =
        new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory("parley-speech-io", true), NioIoHandler.newFactory());
    this.resolver =
        Executors.newCachedThreadPool(new DefaultThreadFactory("parley-speech-dns", true));
    this.connectTimeout = connectTimeout;
    this.maxFrameBytes = maxFrameBytes;
    try {
      this.ssl = SslContextBuilder.forClient().build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the TLS client context", e);
    }
  }

  /** Defaults for a media node: two I/O threads, 5 s to connect, 1 MiB messages. */
  public static ProviderConnector defaults() {
    return new ProviderConnector(2, Duration.ofSeconds(5), 1 << 20);
  }

  /**
   * Resolves {@code host} off the event loops: a lookup blocks, and one slow DNS answer on a
   * provider loop would stall every call's audio on it.
   */
  CompletableFuture<InetSocketAddress> resolve(String host, int port) {
    return CompletableFuture.supplyAsync(() -> new InetSocketAddress(host, port), resolver);
  }

  EventLoopGroup group() {
    return group;
  }

  SslContext ssl() {
    return ssl;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  int maxFrameBytes() {
    return maxFrameBytes;
  }

  @Override
  public void close() {
    resolver.shutdownNow();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
