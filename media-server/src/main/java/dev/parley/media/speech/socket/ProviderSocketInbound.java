package dev.parley.media.speech.socket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * The last handler of a provider socket's pipeline: turns Netty's frames and handshake events into
 * {@link ProviderSocket} calls, and releases every frame it is given.
 */
final class ProviderSocketInbound extends ChannelInboundHandlerAdapter {

  /** Most of an HTTP error body kept for the error message. */
  private static final int MAX_DETAIL_CHARS = 300;

  private final ProviderSocket socket;

  ProviderSocketInbound(ProviderSocket socket) {
    this.socket = socket;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      socket.opened();
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      socket.failed(Termination.connectFailed("WebSocket upgrade timed out", null));
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame t) {
        socket.text(t.text());
      } else if (msg instanceof BinaryWebSocketFrame b) {
        socket.binary(b.content());
      } else if (msg instanceof CloseWebSocketFrame c) {
        socket.peerClosed(c.statusCode(), c.reasonText());
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof WebSocketClientHandshakeException h && h.response() != null) {
      HttpResponse r = h.response();
      socket.failed(Termination.rejected(r.status().code(), detail(r)));
    } else {
      socket.failed(Termination.connectFailed("socket error", cause));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    socket.inactive();
    ctx.fireChannelInactive();
  }

  /** Providers explain a refused upgrade in a header (Deepgram's dg-error) or in the body. */
  private static String detail(HttpResponse r) {
    String header = r.headers().get("dg-error");
    if (header != null && !header.isEmpty()) {
      return header;
    }
    if (r instanceof FullHttpResponse full && full.content().isReadable()) {
      int n = Math.min(full.content().readableBytes(), MAX_DETAIL_CHARS);
      return full.content()
          .toString(full.content().readerIndex(), n, StandardCharsets.UTF_8)
          .replace('\n', ' ')
          .trim();
    }
    return r.status().reasonPhrase();
  }
}
