package dev.parley.emulator.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIMULATION ONLY: connects one WebSocket channel's events to its {@link MediaStreamSession}. */
final class MediaStreamClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private static final Logger log = LoggerFactory.getLogger(MediaStreamClientHandler.class);

  private final MediaStreamSession session;

  MediaStreamClientHandler(MediaStreamSession session) {
    this.session = session;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      session.opened(ctx.channel());
    } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      session.closed("WebSocket handshake timed out");
      ctx.close();
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame) {
      session.received(frame.content());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    session.closed("WebSocket closed by the application");
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Once the socket is failing, every queued write reports again: log the first failure only.
    if (ctx.channel().isActive()) {
      log.warn("media stream {} failed: {}", session.streamSid(), cause.toString());
    }
    session.closed("WebSocket failed: " + cause.getMessage());
    ctx.close();
  }
}
