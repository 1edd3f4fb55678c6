package dev.parley.media.twilio;

import dev.parley.media.call.CallRegistry;
import dev.parley.media.call.CallServices;
import dev.parley.media.call.CallSession;
import dev.parley.media.twilio.TwilioFrameException.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol handler of one Twilio Media Stream, first in the pipeline after the upgrade: reads
 * the socket's bytes through its {@link WebSocketDecoder}, scans each text message, checks the
 * stream token on {@code start} and hands events to the {@link CallSession}. Every buffer read is
 * released here, whatever happens; nothing is thrown on down the pipeline.
 *
 * <p>Per media message it allocates nothing: the decoder unmasks in place and the scanner reads the
 * message where it lies.
 */
public final class TwilioStreamHandler extends ChannelInboundHandlerAdapter
    implements WebSocketDecoder.Listener {

  private static final Logger log = LoggerFactory.getLogger(TwilioStreamHandler.class);

  /** How long a close we started waits for the peer's close frame. */
  private static final long CLOSE_WAIT_MS = 1000;

  /** Malformed frames logged per stream before logging only every 100th. */
  private static final int LOGGED_ERRORS = 10;

  private final UUID callId;
  private final CallRegistry registry;
  private final CallServices services;
  private final TwilioFrameScanner scanner;
  private final TwilioEventParser parser;
  private final WebSocketDecoder decoder;
  private ChannelHandlerContext ctx;
  private CallSession session;
  private boolean closing;
  private long errors;
  private ScheduledFuture<?> startTimeout;

  public TwilioStreamHandler(UUID callId, CallRegistry registry, CallServices services) {
    this.callId = callId;
    this.registry = registry;
    this.services = services;
    this.scanner = new TwilioFrameScanner(services.config().limits());
    this.parser = new TwilioEventParser(services.config().limits());
    this.decoder = new WebSocketDecoder(services.config().limits().maxFrameBytes());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    services.metrics().streamsOpened.increment();
    // A stream that never says start would hold a socket forever; the watchdog covers it only
    // later.
    long ms = services.config().inactivityTimeout().toMillis();
    startTimeout =
        ctx.executor()
            .schedule(
                () -> {
                  if (session == null && !closing) {
                    log.warn("call {}: no start within {} ms, closing", callId, ms);
                    close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "no start");
                  }
                },
                ms,
                TimeUnit.MILLISECONDS);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    decoder.release();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      decoder.decode(ctx.alloc(), in, this);
    } catch (WebSocketProtocolException e) {
      // The decoder discards everything after the violation; we answer with its close status.
      Kind kind =
          e.status() == WebSocketCloseStatus.MESSAGE_TOO_BIG ? Kind.OVERSIZED : Kind.BAD_JSON;
      services.metrics().malformed(kind);
      log.warn("call {}: {} at the WebSocket layer: {}", callId, kind, e.getMessage());
      if (session != null) {
        session.onFatal(e.getMessage(), null);
      }
      close(ctx, e.status(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("call {}: unexpected failure reading the stream", callId, e);
      fatal(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }
  }

  @Override
  public void onText(ByteBuf message) {
    if (closing) {
      return;
    }
    try {
      onText(ctx, message);
    } catch (RuntimeException e) {
      log.error("call {}: unexpected failure handling a frame", callId, e);
      fatal(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }
  }

  @Override
  public void onBinary(int length) {
    if (!closing) {
      malformed(
          ctx, new TwilioFrameException(Kind.BAD_JSON, false, "binary frame; Twilio sends text"));
    }
  }

  @Override
  public void onPing(ByteBuf payload) {
    if (!closing) {
      ctx.writeAndFlush(
          WebSocketFrames.pong(
              ctx.alloc(), payload, payload.readerIndex(), payload.readableBytes()),
          ctx.voidPromise());
    }
  }

  @Override
  public void onClose(int status, String reason) {
    if (closing) {
      // The peer answered our close: the closing handshake is done.
      ctx.close();
      return;
    }
    // Section 5.5.1: answer with a close echoing the status, then drop TCP (the server closes
    // first, section 7.1.1).
    closing = true;
    ctx.writeAndFlush(WebSocketFrames.close(ctx.alloc(), status, ""))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private void onText(ChannelHandlerContext ctx, ByteBuf frame) {
    TwilioFrameScanner.Event event;
    try {
      event = scanner.scan(frame);
      switch (event) {
        case MEDIA -> {
          if (session == null) {
            throw new TwilioFrameException(
                Kind.MEDIA_BEFORE_START, false, "media frame before start");
          }
          session.onMedia(scanner);
        }
        case MARK -> {
          if (session != null) {
            session.onMark(scanner.markNumber());
          }
        }
        case START -> onStart(ctx);
        case DTMF -> {
          if (session != null) {
            session.onDtmf(parser.parseDtmf(scanner.frameBytes(), scanner.frameLength()));
          }
        }
        case STOP -> {
          parser.parseStop(scanner.frameBytes(), scanner.frameLength());
          if (session != null) {
            session.onStop();
          } else {
            close(ctx, WebSocketCloseStatus.NORMAL_CLOSURE, "stopped");
          }
        }
        case CONNECTED -> log.debug("call {}: connected", callId);
      }
    } catch (TwilioFrameException e) {
      malformed(ctx, e);
    }
  }

  private void onStart(ChannelHandlerContext ctx) throws TwilioFrameException {
    if (session != null) {
      throw new TwilioFrameException(Kind.BAD_START, false, "second start on one stream");
    }
    TwilioEvents.Start start = parser.parseStart(scanner.frameBytes(), scanner.frameLength());
    String token = start.customParameters().get("token");
    StreamToken.Verdict verdict =
        StreamToken.verify(
            services.config().streamSecretBytes(),
            token,
            callId.toString(),
            services.clock().instant());
    if (verdict != StreamToken.Verdict.VALID) {
      services.metrics().authFailures.increment();
      log.warn("call {}: stream refused, token {} (callSid {})", callId, verdict, start.callSid());
      close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "invalid stream token");
      return;
    }
    session = registry.streamStarted(callId, ctx.channel(), start);
    if (session == null) {
      close(ctx, WebSocketCloseStatus.TRY_AGAIN_LATER, "call not accepted");
      return;
    }
    if (startTimeout != null) {
      startTimeout.cancel(false);
    }
  }

  private void malformed(ChannelHandlerContext ctx, TwilioFrameException e) {
    services.metrics().malformed(e.kind());
    if (session != null) {
      session.onMalformed();
    }
    errors++;
    if (errors <= LOGGED_ERRORS || errors % 100 == 0) {
      log.warn("call {}: {} frame #{}: {}", callId, e.kind(), errors, e.getMessage());
    }
    if (e.fatal()) {
      WebSocketCloseStatus status =
          switch (e.kind()) {
            case OVERSIZED -> WebSocketCloseStatus.MESSAGE_TOO_BIG;
            case BAD_MEDIA_FORMAT -> WebSocketCloseStatus.INVALID_MESSAGE_TYPE;
            default -> WebSocketCloseStatus.PROTOCOL_ERROR;
          };
      fatal(ctx, status, e.getMessage());
    }
  }

  private void fatal(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
    if (session != null) {
      session.onFatal(reason, status);
      closing = true;
    } else {
      close(ctx, status, reason);
    }
  }

  private void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
    if (closing) {
      return;
    }
    closing = true;
    String r = reason.length() > 100 ? reason.substring(0, 100) : reason;
    ctx.writeAndFlush(WebSocketFrames.close(ctx.alloc(), status, r), ctx.voidPromise());
    // RFC 6455 7.1.1: wait for the peer's close before dropping TCP, so a peer still sending does
    // not get a reset that swallows our close frame; give up after a while.
    ctx.executor().schedule(() -> ctx.close(), CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (startTimeout != null) {
      startTimeout.cancel(false);
    }
    if (session != null) {
      session.onSocketClosed();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("call {}: connection error: {}", callId, cause.toString());
    ctx.close();
  }
}
