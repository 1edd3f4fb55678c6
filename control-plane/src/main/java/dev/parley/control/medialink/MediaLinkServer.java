package dev.parley.control.medialink;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Boots and stops the TCP server media nodes connect to; nothing else. */
public final class MediaLinkServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MediaLinkServer.class);

  private final MediaLinkConfig config;
  private final MediaNodeRegistry registry;
  private final List<MediaEventListener> listeners;
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private Channel channel;

  public MediaLinkServer(
      MediaLinkConfig config, MediaNodeRegistry registry, List<MediaEventListener> listeners) {
    this.config = config;
    this.registry = registry;
    this.listeners = List.copyOf(listeners);
  }

  /** Binds the port and starts accepting nodes. */
  public synchronized MediaLinkServer start() throws InterruptedException {
    boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    channel =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new MediaLinkInitializer(registry, listeners, config))
            .bind(config.host(), config.port())
            .sync()
            .channel();
    log.info("media link listening on {}", channel.localAddress());
    return this;
  }

  /** The bound port (useful when configured with 0). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
      channel = null;
    }
    if (workers != null) {
      workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
      boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
      workers = null;
      boss = null;
    }
  }
}
