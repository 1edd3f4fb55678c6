package dev.parley.protocol.netty;

import dev.parley.protocol.ProtocolEncoder;
import dev.parley.protocol.ProtocolMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Outbound pipeline stage: each {@link ProtocolMessage} written becomes one frame. Stateless, so
 * one instance may serve every channel. A message that breaks a limit fails its write promise with
 * an {@link io.netty.handler.codec.EncoderException} whose cause is the {@link
 * dev.parley.protocol.ProtocolException}; nothing is written for it.
 */
@ChannelHandler.Sharable
public final class ProtocolFrameEncoder extends MessageToByteEncoder<ProtocolMessage> {
  private final ProtocolEncoder encoder;

  /** An encoder for the default limits and the newest version. */
  public ProtocolFrameEncoder() {
    this(new ProtocolEncoder());
  }

  /** An encoder that writes with {@code encoder}. */
  public ProtocolFrameEncoder(ProtocolEncoder encoder) {
    super(ProtocolMessage.class);
    this.encoder = encoder;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, ProtocolMessage message, ByteBuf out) {
    encoder.encode(message, out);
  }
}
