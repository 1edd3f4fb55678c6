package dev.parley.media.twilio;

import dev.parley.media.call.CallRegistry;
import dev.parley.media.call.CallServices;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts the WebSocket upgrade for {@code /streams/{callId}}: checks the path, the optional {@code
 * X-Twilio-Signature} (when a Twilio auth token is configured) and capacity, completes the RFC 6455
 * handshake and replaces the whole HTTP pipeline with the stream's {@link TwilioStreamHandler}. The
 * stream token is checked later, on Twilio's {@code start}, where it arrives.
 */
public final class TwilioHandshakeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(TwilioHandshakeHandler.class);

  /** The path prefix Twilio's {@code <Stream url>} points at. */
  public static final String PATH_PREFIX = "/streams/";

  private final CallRegistry registry;
  private final CallServices services;

  public TwilioHandshakeHandler(CallRegistry registry, CallServices services) {
    this.registry = registry;
    this.services = services;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    String uri = req.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    if (req.method() != HttpMethod.GET || !path.startsWith(PATH_PREFIX)) {
      respond(ctx, HttpResponseStatus.NOT_FOUND, "no such stream path");
      return;
    }
    String id = path.substring(PATH_PREFIX.length());
    UUID callId;
    try {
      callId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      respond(ctx, HttpResponseStatus.NOT_FOUND, "stream path must name a call id");
      return;
    }
    String base = baseUrl(req);
    String signature = req.headers().get("X-Twilio-Signature");
    String authToken = services.config().twilioAuthToken();
    if (signature != null
        && !authToken.isEmpty()
        && !TwilioSignature.valid(authToken, base + uri, signature)) {
      services.metrics().signatureFailures.increment();
      log.warn(
          "call {}: upgrade refused, X-Twilio-Signature does not match {}", callId, base + uri);
      respond(ctx, HttpResponseStatus.FORBIDDEN, "bad signature");
      return;
    }
    if (registry.activeCount() >= services.config().capacity()) {
      respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "node at capacity");
      return;
    }
    String accept = WebSocketHandshake.accept(req);
    if (accept == null) {
      respond(ctx, HttpResponseStatus.BAD_REQUEST, "not a WebSocket upgrade");
      return;
    }
    if (!WebSocketHandshake.VERSION.equals(
        req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
      DefaultFullHttpResponse res =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UPGRADE_REQUIRED);
      res.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, WebSocketHandshake.VERSION);
      res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    // From here the connection speaks WebSocket only: the stream handler reads frames straight from
    // the socket's buffers. The 101 is encoded synchronously on this event loop, so the HTTP codec
    // can go right after; bytes it already read past the request flow on to the stream handler.
    ChannelPipeline p = ctx.pipeline();
    p.addAfter(ctx.name(), "twilio-stream", new TwilioStreamHandler(callId, registry, services));
    ctx.writeAndFlush(WebSocketHandshake.switchingProtocols(accept));
    p.remove(this);
    p.remove("http-aggregator");
    p.remove("http");
  }

  /** The URL Twilio used: the configured public URL, else what the Host header says. */
  private String baseUrl(FullHttpRequest req) {
    String pub = services.config().publicUrl();
    if (!pub.isEmpty()) {
      return pub.endsWith("/") ? pub.substring(0, pub.length() - 1) : pub;
    }
    String host = req.headers().get(HttpHeaderNames.HOST, "localhost");
    return "ws://" + host;
  }

  private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
    DefaultFullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
    ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("upgrade failed: {}", cause.toString());
    ctx.close();
  }
}
