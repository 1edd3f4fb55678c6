package dev.parley.simulation.endtoend;

import dev.parley.protocol.Heartbeat;
import dev.parley.protocol.Hello;
import dev.parley.protocol.HelloAck;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.netty.ProtocolFrameDecoder;
import dev.parley.protocol.netty.ProtocolFrameEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The control plane's end of the binary protocol over real TCP, for the end-to-end test: accepts
 * the media node, answers HELLO, sends heartbeats, records what the node sends.
 */
final class FakeControlPlane implements AutoCloseable {

  private static final int HEARTBEAT_MS = 500;

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final List<ProtocolMessage> received = new CopyOnWriteArrayList<>();
  private volatile Channel node;

  FakeControlPlane() throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new ProtocolFrameDecoder())
                        .addLast(new ProtocolFrameEncoder())
                        .addLast(new NodeHandler());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  private final class NodeHandler extends SimpleChannelInboundHandler<ProtocolMessage> {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      node = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ProtocolMessage m) {
      received.add(m);
      if (m instanceof Hello) {
        ctx.writeAndFlush(new HelloAck(1, HEARTBEAT_MS));
        ctx.executor()
            .scheduleAtFixedRate(
                () -> ctx.writeAndFlush(new Heartbeat(0, 0)),
                HEARTBEAT_MS,
                HEARTBEAT_MS,
                TimeUnit.MILLISECONDS);
      }
    }
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  void send(ProtocolMessage m) {
    node.writeAndFlush(m).syncUninterruptibly();
  }

  <T extends ProtocolMessage> List<T> received(Class<T> type) {
    return received.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits for the {@code n}-th (1-based) message of {@code type} matching {@code filter}. */
  <T extends ProtocolMessage> T await(Class<T> type, Predicate<T> filter, int n, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      List<T> matching = received(type).stream().filter(filter).toList();
      if (matching.size() >= n) {
        return matching.get(n - 1);
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no " + n + "th " + type.getSimpleName() + " within " + timeout + "; got " + received);
  }

  @Override
  public void close() {
    server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    Channel c = node;
    if (c != null) {
      c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
