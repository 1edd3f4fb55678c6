package dev.parley.media.testing;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A control plane peer speaking the binary protocol over real TCP: answers HELLO with HELLO_ACK,
 * records every message the node sends, and sends whatever a test tells it to.
 */
public final class FakeControlPlane implements AutoCloseable {

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final List<ProtocolMessage> messages = new ArrayList<>();
  private volatile Channel node;
  private volatile int connections;
  private volatile boolean heartbeats = true;

  /** The heartbeat interval this control plane announces in HELLO_ACK. */
  public static final int HEARTBEAT_MS = 500;

  public FakeControlPlane() throws InterruptedException {
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
                        .addLast(
                            new SimpleChannelInboundHandler<ProtocolMessage>() {
                              @Override
                              public void channelActive(ChannelHandlerContext ctx) {
                                node = ctx.channel();
                                connections++;
                              }

                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, ProtocolMessage m) {
                                synchronized (messages) {
                                  messages.add(m);
                                }
                                if (m instanceof Hello) {
                                  ctx.writeAndFlush(new HelloAck(1, HEARTBEAT_MS));
                                  ctx.executor()
                                      .scheduleAtFixedRate(
                                          () -> {
                                            if (heartbeats && ctx.channel().isActive()) {
                                              ctx.writeAndFlush(new Heartbeat(0, 0));
                                            }
                                          },
                                          HEARTBEAT_MS,
                                          HEARTBEAT_MS,
                                          TimeUnit.MILLISECONDS);
                                }
                              }
                            });
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Stops (or resumes) sending heartbeats: a control plane that has hung. */
  public void heartbeats(boolean on) {
    this.heartbeats = on;
  }

  public int connections() {
    return connections;
  }

  /** Sends {@code m} to the connected node. */
  public void send(ProtocolMessage m) {
    node.writeAndFlush(m).syncUninterruptibly();
  }

  /** Sends {@code ms} to the connected node in one flush, so the node reads them together. */
  public void sendAll(List<? extends ProtocolMessage> ms) {
    Channel c = node;
    c.eventLoop()
        .submit(
            () -> {
              ms.forEach(c::write);
              c.flush();
            })
        .syncUninterruptibly();
  }

  /** Drops the node's connection. */
  public void disconnectNode() {
    Channel c = node;
    if (c != null) {
      c.close().syncUninterruptibly();
    }
  }

  public List<ProtocolMessage> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  /** Messages of type {@code type} received so far. */
  public <T extends ProtocolMessage> List<T> messages(Class<T> type) {
    return messages().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits for a message of {@code type} matching {@code filter}. */
  public <T extends ProtocolMessage> T await(Class<T> type, Predicate<T> filter, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (T m : messages(type)) {
        if (filter.test(m)) {
          return m;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "no " + type.getSimpleName() + " within " + timeout + "; got " + messages());
  }

  public <T extends ProtocolMessage> T await(Class<T> type, Duration timeout)
      throws InterruptedException {
    return await(type, m -> true, timeout);
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
