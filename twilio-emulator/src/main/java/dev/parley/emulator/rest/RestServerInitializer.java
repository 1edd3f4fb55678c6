package dev.parley.emulator.rest;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** SIMULATION ONLY: assembles the REST API's pipeline. */
public final class RestServerInitializer extends ChannelInitializer<SocketChannel> {

  /**
   * Largest request body: Twilio's own create-call limit is far below this (TwiML is 4000 chars).
   */
  static final int MAX_REQUEST_BYTES = 128 * 1024;

  private final CallsApiHandler handler;

  public RestServerInitializer(CallsApiHandler handler) {
    this.handler = handler;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast(new HttpServerCodec())
        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
        .addLast(handler);
  }
}
