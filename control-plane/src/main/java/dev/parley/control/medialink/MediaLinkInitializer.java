package dev.parley.control.medialink;

import dev.parley.protocol.netty.ProtocolFrameDecoder;
import dev.parley.protocol.netty.ProtocolFrameEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Assembles a media-link connection's pipeline: read-silence detection, frame codec, link handler.
 */
final class MediaLinkInitializer extends ChannelInitializer<SocketChannel> {
  private final MediaNodeRegistry registry;
  private final List<MediaEventListener> listeners;
  private final MediaLinkConfig config;

  MediaLinkInitializer(
      MediaNodeRegistry registry, List<MediaEventListener> listeners, MediaLinkConfig config) {
    this.registry = registry;
    this.listeners = listeners;
    this.config = config;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    // Before HELLO the hello timeout applies; a node then heartbeats at the agreed interval and
    // any read (heartbeat or call traffic) resets the timer. Taking the larger keeps one handler.
    long silenceMs = Math.max(config.silenceLimit().toMillis(), config.helloTimeout().toMillis());
    ch.pipeline()
        .addLast("idle", new IdleStateHandler(silenceMs, 0, 0, TimeUnit.MILLISECONDS))
        .addLast("decoder", new ProtocolFrameDecoder())
        .addLast("encoder", new ProtocolFrameEncoder())
        .addLast("link", new MediaLinkHandler(registry, listeners, config));
  }
}
