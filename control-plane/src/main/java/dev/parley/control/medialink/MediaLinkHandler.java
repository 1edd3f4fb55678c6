package dev.parley.control.medialink;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ErrorMessage;
import dev.parley.protocol.Heartbeat;
import dev.parley.protocol.Hello;
import dev.parley.protocol.HelloAck;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.SessionEnd;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's side of one media-node connection, as a small state machine: AWAITING_HELLO
 * (only HELLO is legal; version negotiation answers HELLO_ACK or ERROR and closes) then ACTIVE
 * (heartbeats update the node's load and are answered; call messages go to the listeners). Read
 * silence longer than the configured number of heartbeats, a protocol error or a closed socket
 * loses the node, and the registry ends its calls.
 */
final class MediaLinkHandler extends SimpleChannelInboundHandler<ProtocolMessage> {
  private static final Logger log = LoggerFactory.getLogger(MediaLinkHandler.class);

  private final MediaNodeRegistry registry;
  private final List<MediaEventListener> listeners;
  private final MediaLinkConfig config;
  private MediaNode node;

  MediaLinkHandler(
      MediaNodeRegistry registry, List<MediaEventListener> listeners, MediaLinkConfig config) {
    this.registry = registry;
    this.listeners = listeners;
    this.config = config;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ProtocolMessage msg) {
    if (node == null) {
      if (!(msg instanceof Hello hello)) {
        fail(ctx, ErrorCode.UNEXPECTED_MESSAGE, "expected HELLO, got " + msg.type());
        return;
      }
      int version = ProtocolVersion.negotiate(hello.minVersion(), hello.maxVersion());
      if (version < 0) {
        fail(
            ctx,
            ErrorCode.UNSUPPORTED_VERSION,
            "node speaks v"
                + hello.minVersion()
                + "..v"
                + hello.maxVersion()
                + ", control plane v"
                + ProtocolVersion.MIN
                + "..v"
                + ProtocolVersion.MAX);
        return;
      }
      node =
          new MediaNode(hello.nodeId(), hello.mediaUrl(), hello.capacity(), version, ctx.channel());
      // Registered before the ACK goes out: a node may be given calls the moment it hears back.
      registry.register(node);
      ctx.writeAndFlush(new HelloAck(version, (int) config.heartbeatInterval().toMillis()));
      return;
    }
    if (msg instanceof Heartbeat hb) {
      node.heartbeat(hb.activeCalls(), hb.loadPermille());
      ctx.writeAndFlush(new Heartbeat(node.calls().size(), 0));
      return;
    }
    if (msg instanceof Hello) {
      fail(ctx, ErrorCode.UNEXPECTED_MESSAGE, "HELLO after the handshake");
      return;
    }
    if (msg instanceof ErrorMessage e && e.code().code() < 100) {
      log.warn("media node {} reported a connection error {}: {}", node.id(), e.code(), e.text());
      ctx.close();
      return;
    }
    if (msg.type().sender() == MessageType.Sender.CONTROL_PLANE) {
      fail(
          ctx,
          ErrorCode.UNEXPECTED_MESSAGE,
          msg.type() + " is sent by the control plane, not a node");
      return;
    }
    if (msg instanceof SessionEnd end) {
      registry.callEnded(node.id(), end.callId());
    }
    for (MediaEventListener l : listeners) {
      try {
        l.onMediaEvent(node.id(), msg);
      } catch (RuntimeException e) {
        log.warn(
            "media event listener {} failed on {}", l.getClass().getSimpleName(), msg.type(), e);
      }
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      if (node == null) {
        fail(
            ctx,
            ErrorCode.HEARTBEAT_TIMEOUT,
            "no HELLO within " + config.helloTimeout().toMillis() + " ms");
      } else {
        fail(
            ctx,
            ErrorCode.HEARTBEAT_TIMEOUT,
            "silent for " + config.missedHeartbeats() + " heartbeat intervals");
      }
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (node != null) {
      registry.lost(node, "link closed");
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof ProtocolException pe) {
      log.warn(
          "protocol error from media node {}: {}",
          node == null ? ctx.channel().remoteAddress() : node.id(),
          pe.getMessage());
      ctx.writeAndFlush(pe.toErrorMessage()).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    log.warn("media link failure", cause);
    ctx.close();
  }

  private static void fail(ChannelHandlerContext ctx, ErrorCode code, String text) {
    ctx.writeAndFlush(new ErrorMessage(ErrorMessage.NO_CALL, code, text))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
