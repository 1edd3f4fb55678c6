package dev.parley.emulator.support;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** A cheap Media Streams peer for load runs: counts messages by type without parsing JSON. */
public final class CountingMediaSink implements AutoCloseable {

  // Several threads: one thread handshaking hundreds of sockets while reading thousands of
  // messages a second let later handshakes hit the emulator's 10 s handshake timeout.
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(4, NioIoHandler.newFactory());
  private final Channel server;
  public final LongAdder starts = new LongAdder();
  public final LongAdder media = new LongAdder();
  public final LongAdder stops = new LongAdder();

  public CountingMediaSink() throws InterruptedException {
    server =
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
                        .addLast(
                            new WebSocketServerProtocolHandler("/stream", null, false, 1 << 20))
                        .addLast(
                            new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, TextWebSocketFrame f) {
                                ByteBuf c = f.content();
                                // {"event":"media"...: the event name is within the first 24 bytes.
                                String head =
                                    c.toString(
                                        c.readerIndex(),
                                        Math.min(24, c.readableBytes()),
                                        StandardCharsets.US_ASCII);
                                if (head.contains("media")) {
                                  media.increment();
                                } else if (head.contains("start")) {
                                  starts.increment();
                                } else if (head.contains("stop")) {
                                  stops.increment();
                                }
                              }
                            });
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  public String url() {
    return "ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/stream";
  }

  @Override
  public void close() throws InterruptedException {
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }
}
