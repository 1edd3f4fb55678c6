package dev.parley.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ErrorMessage;
import dev.parley.protocol.Heartbeat;
import dev.parley.protocol.ProtocolEncoder;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.Speak;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProtocolPipelineTest {
  private static final UUID CALL = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  @AfterEach
  void shutdown() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /**
   * Records messages and the one ProtocolException, the way a connection handler would see them.
   */
  private static final class Recorder extends SimpleChannelInboundHandler<ProtocolMessage> {
    final List<Object> events = new CopyOnWriteArrayList<>();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ProtocolMessage msg) {
      events.add(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      events.add(cause);
    }
  }

  @Test
  void embeddedDecoderDeliversMessagesThenTheExceptionOnceAndDiscardsTheRest() {
    Recorder recorder = new Recorder();
    EmbeddedChannel channel = new EmbeddedChannel(new ProtocolFrameDecoder(), recorder);
    ByteBuf bytes = Unpooled.buffer();
    ProtocolEncoder encoder = new ProtocolEncoder();
    Speak speak = new Speak(CALL, 1, 0, true, true, "hello");
    encoder.encode(speak, bytes);
    encoder.encode(new Heartbeat(2, 10), bytes);
    bytes.writeBytes(new byte[] {0, 0, 0, 20, 1, 0x7f}); // unknown type 0x7f
    channel.writeInbound(bytes.readRetainedSlice(7));
    channel.writeInbound(bytes.retainedSlice());
    ByteBuf after = Unpooled.buffer();
    encoder.encode(new Heartbeat(3, 10), after);
    channel.writeInbound(after);
    bytes.release();

    assertThat(recorder.events).hasSize(3);
    assertThat(recorder.events.get(0)).isEqualTo(speak);
    assertThat(recorder.events.get(1)).isEqualTo(new Heartbeat(2, 10));
    assertThat(recorder.events.get(2))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_MESSAGE_TYPE));
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void embeddedEncoderWritesOneFramePerMessage() {
    EmbeddedChannel channel = new EmbeddedChannel(new ProtocolFrameEncoder());
    assertThat(channel.writeOutbound(new Heartbeat(1, 2))).isTrue();
    ByteBuf frame = channel.readOutbound();
    assertThat(frame.readableBytes()).isEqualTo(4 + 20 + 6);
    assertThat(frame.getInt(0)).isEqualTo(26);
    frame.release();
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void messagesCrossARealSocketAndAViolationIsAnsweredWithErrorAndClose() throws Exception {
    Channel server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new ProtocolFrameDecoder(), new ProtocolFrameEncoder())
                        .addLast(
                            new SimpleChannelInboundHandler<ProtocolMessage>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, ProtocolMessage msg) {
                                ctx.writeAndFlush(msg); // echo
                              }

                              @Override
                              public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
                                ErrorMessage error =
                                    t instanceof ProtocolException
                                        ? ((ProtocolException) t).toErrorMessage()
                                        : new ErrorMessage(
                                            ProtocolMessage.NO_CALL, ErrorCode.INTERNAL_ERROR, "");
                                ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
                              }
                            });
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
    BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    Channel client =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new ProtocolFrameDecoder(), new ProtocolFrameEncoder())
                        .addLast(
                            new SimpleChannelInboundHandler<ProtocolMessage>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, ProtocolMessage msg) {
                                received.add(msg);
                              }
                            });
                  }
                })
            .connect(server.localAddress())
            .sync()
            .channel();
    try {
      List<ProtocolMessage> sent = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Speak speak = new Speak(CALL, i, 0, i % 2 == 0, true, "chunk " + i + " ".repeat(i));
        sent.add(speak);
        client.write(speak);
      }
      client.flush();
      List<Object> echoed = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        echoed.add(received.poll(10, TimeUnit.SECONDS));
      }
      assertThat(echoed).isEqualTo(sent);

      // A frame whose length prefix exceeds the limit: the server answers ERROR and closes.
      client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x7f, 0, 0, 0})).sync();
      assertThat(received.poll(10, TimeUnit.SECONDS))
          .isInstanceOfSatisfying(
              ErrorMessage.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
                assertThat(e.callId()).isEqualTo(ProtocolMessage.NO_CALL);
              });
      assertThat(client.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      client.close().sync();
      server.close().sync();
    }
  }
}
