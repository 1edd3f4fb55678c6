package dev.parley.media.server;

import dev.parley.media.call.CallRegistry;
import dev.parley.media.call.CallServices;
import dev.parley.media.twilio.TwilioHandshakeHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * Assembles a Twilio stream connection's pipeline: HTTP for the upgrade request only, then {@link
 * TwilioHandshakeHandler}, which answers the upgrade and replaces all three with the stream handler
 * (its own WebSocket decoder; outbound frames are written as complete frames, so no encoder).
 */
public final class MediaServerInitializer extends ChannelInitializer<SocketChannel> {

  /** An upgrade request is headers only; anything larger is not Twilio. */
  private static final int MAX_UPGRADE_REQUEST = 8192;

  private final CallRegistry registry;
  private final CallServices services;

  public MediaServerInitializer(CallRegistry registry, CallServices services) {
    this.registry = registry;
    this.services = services;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("http", new HttpServerCodec(4096, MAX_UPGRADE_REQUEST, 8192))
        .addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_REQUEST))
        .addLast("handshake", new TwilioHandshakeHandler(registry, services));
  }
}
