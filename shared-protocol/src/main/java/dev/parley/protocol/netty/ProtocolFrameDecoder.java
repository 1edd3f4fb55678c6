package dev.parley.protocol.netty;

import dev.parley.protocol.ProtocolDecoder;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolLimits;
import dev.parley.protocol.ProtocolMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Inbound pipeline stage: bytes in, {@link ProtocolMessage}s out. The cumulation buffer stays owned
 * and released by {@link ByteToMessageDecoder}; decoded messages hold no buffer references.
 *
 * <p>On the first protocol violation it fires {@code exceptionCaught} with the {@link
 * ProtocolException} itself (not wrapped), once, after every message decoded before it; all later
 * input is discarded. The handler that catches it answers with {@link
 * ProtocolException#toErrorMessage()} and closes the channel once that write completes.
 */
public final class ProtocolFrameDecoder extends ByteToMessageDecoder {
  private final ProtocolDecoder decoder;

  /** A decoder for {@link ProtocolLimits#DEFAULT}. */
  public ProtocolFrameDecoder() {
    this(ProtocolLimits.DEFAULT);
  }

  /** A decoder enforcing {@code limits}. */
  public ProtocolFrameDecoder(ProtocolLimits limits) {
    this.decoder = new ProtocolDecoder(limits);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    ProtocolMessage message;
    try {
      message = decoder.next(in);
    } catch (ProtocolException e) {
      ctx.fireExceptionCaught(e);
      return;
    }
    if (message != null) {
      out.add(message);
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    decoder.close();
  }
}
