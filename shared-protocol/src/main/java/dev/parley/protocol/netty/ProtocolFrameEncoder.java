package dev.parley.protocol.netty;

import dev.parley.protocol.ProtocolEncoder;
import dev.parley.protocol.ProtocolLimits;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.ProtocolVersion;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Outbound pipeline stage: each {@link ProtocolMessage} written becomes one frame. One instance per
 * channel (its {@link ProtocolEncoder} keeps scratch state). A message that breaks a limit fails
 * its write promise with an {@link io.netty.handler.codec.EncoderException} whose cause is the
 * {@link dev.parley.protocol.ProtocolException}; nothing is written for it.
 */
public final class ProtocolFrameEncoder extends MessageToByteEncoder<ProtocolMessage> {
  private final ProtocolEncoder encoder;

  /** An encoder for {@link ProtocolLimits#DEFAULT} writing {@link ProtocolVersion#MAX}. */
  public ProtocolFrameEncoder() {
    this(ProtocolLimits.DEFAULT, ProtocolVersion.MAX);
  }

  /** An encoder enforcing {@code limits} and writing frames of {@code version}. */
  public ProtocolFrameEncoder(ProtocolLimits limits, int version) {
    super(ProtocolMessage.class);
    this.encoder = new ProtocolEncoder(limits, version);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, ProtocolMessage message, ByteBuf out) {
    encoder.encode(message, out);
  }
}
