package dev.parley.media.metrics;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Serves {@code /metrics} (Prometheus text format 0.0.4) and {@code /health}. */
public final class MetricsHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private final ServerMetrics metrics;

  public MetricsHttpHandler(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    String path = req.uri();
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    HttpResponseStatus status = HttpResponseStatus.OK;
    String body;
    String type = "text/plain; charset=utf-8";
    switch (path) {
      case "/metrics" -> {
        body = metrics.render();
        type = "text/plain; version=0.0.4; charset=utf-8";
      }
      case "/health" -> body = "{\"status\":\"UP\",\"activeCalls\":" + metrics.activeCalls() + "}";
      default -> {
        status = HttpResponseStatus.NOT_FOUND;
        body = "not found";
      }
    }
    if (path.equals("/health")) {
      type = "application/json";
    }
    DefaultFullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (keepAlive) {
      ctx.writeAndFlush(res);
    } else {
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
