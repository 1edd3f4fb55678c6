package dev.parley.control.medialink;

import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.netty.ProtocolFrameDecoder;
import dev.parley.protocol.netty.ProtocolFrameEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A media node stand-in: a real TCP client speaking the binary protocol, recording what it
 * receives.
 */
final class TestNode implements AutoCloseable {
  final BlockingQueue<ProtocolMessage> received = new LinkedBlockingQueue<>();
  final CountDownLatch closed = new CountDownLatch(1);
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel channel;

  TestNode(int port) throws InterruptedException {
    channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new ProtocolFrameDecoder())
                        .addLast(new ProtocolFrameEncoder())
                        .addLast(
                            new SimpleChannelInboundHandler<ProtocolMessage>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, ProtocolMessage msg) {
                                received.add(msg);
                              }

                              @Override
                              public void channelInactive(ChannelHandlerContext ctx) {
                                closed.countDown();
                              }
                            });
                  }
                })
            .connect("127.0.0.1", port)
            .sync()
            .channel();
  }

  void send(ProtocolMessage m) {
    channel.writeAndFlush(m).syncUninterruptibly();
  }

  ProtocolMessage next() throws InterruptedException {
    ProtocolMessage m = received.poll(10, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message from the control plane within 10 s");
    }
    return m;
  }

  boolean awaitClosed() throws InterruptedException {
    return closed.await(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
