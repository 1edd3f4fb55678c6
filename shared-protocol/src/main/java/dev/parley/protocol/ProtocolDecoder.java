package dev.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * A streaming decoder for one connection: feed it input in pieces of any size and take messages out
 * as frames complete. An explicit state machine ({@code READ_LENGTH → READ_FRAME → READ_LENGTH}, or
 * {@code FAILED}) whose every length is checked against {@link ProtocolLimits} before anything is
 * buffered: the length prefix as soon as its four bytes are in, version, type, flags and the type's
 * body bounds as soon as the first four frame bytes are in.
 *
 * <p>A frame that lies whole inside one input is decoded straight from it. A frame that spans
 * inputs is copied into one reusable heap buffer that grows up to the maximum frame length; that
 * buffer is the decoder's only allocation besides the messages, and {@link #close()} drops it.
 *
 * <p>The first protocol violation throws one {@link ProtocolException}; from then on the decoder is
 * {@code FAILED} and discards all input. Not thread-safe: one instance per connection.
 */
public final class ProtocolDecoder implements AutoCloseable {
  private enum State {
    READ_LENGTH,
    READ_FRAME,
    FAILED
  }

  private final ProtocolReader reader;
  private final int maxFrameLength;

  private State state = State.READ_LENGTH;
  private long frameLength;
  private int lengthBytesRead;
  private boolean headerChecked;
  private ByteBuf partial;

  /** A decoder for {@link ProtocolLimits#DEFAULT}. */
  public ProtocolDecoder() {
    this(ProtocolLimits.DEFAULT);
  }

  /** A decoder enforcing {@code limits}. */
  public ProtocolDecoder(ProtocolLimits limits) {
    this.reader = new ProtocolReader(limits);
    this.maxFrameLength = limits.maxFrameLength();
  }

  /**
   * Consumes bytes of {@code in} up to the end of the next complete frame and returns its message,
   * or consumes all of {@code in} and returns {@code null} when no frame completes. The caller
   * keeps ownership of {@code in}; no reference to it is kept.
   *
   * @throws ProtocolException on the first protocol violation; the rest of {@code in} is skipped
   */
  public ProtocolMessage next(ByteBuf in) {
    if (state == State.FAILED) {
      in.skipBytes(in.readableBytes());
      return null;
    }
    try {
      return step(in);
    } catch (ProtocolException e) {
      state = State.FAILED;
      in.skipBytes(in.readableBytes());
      close();
      throw e;
    }
  }

  /**
   * Decodes every frame that completes within {@code in} into {@code out}, consuming all of {@code
   * in}. On a violation, the messages before it are already in {@code out}.
   *
   * @throws ProtocolException on the first protocol violation
   */
  public void decode(ByteBuf in, List<? super ProtocolMessage> out) {
    ProtocolMessage message;
    while ((message = next(in)) != null) {
      out.add(message);
    }
  }

  /** Whether a protocol violation has put the decoder in its discarding state. */
  public boolean isFailed() {
    return state == State.FAILED;
  }

  /** Releases the buffer that holds a partial frame; the decoder must not be used afterwards. */
  @Override
  public void close() {
    if (partial != null) {
      partial.release();
      partial = null;
    }
  }

  private ProtocolMessage step(ByteBuf in) {
    if (state == State.READ_LENGTH) {
      if (!readLength(in)) {
        return null;
      }
      reader.headers().checkFrameLength(frameLength);
      state = State.READ_FRAME;
      headerChecked = false;
    }
    int length = (int) frameLength;
    int buffered = partial == null ? 0 : partial.readableBytes();
    if (buffered == 0 && in.readableBytes() >= length) {
      ProtocolMessage message = reader.readFrame(in, in.readerIndex(), length);
      in.skipBytes(length);
      frameDone();
      return message;
    }
    if (!in.isReadable()) {
      return null;
    }
    if (partial == null) {
      partial = Unpooled.buffer(Math.min(length, 4096), maxFrameLength);
    }
    if (!headerChecked) {
      // Buffer no more than the header until version, type and the type's bounds are known good.
      partial.writeBytes(in, Math.min(FrameLayout.PEEK_LENGTH - buffered, in.readableBytes()));
      if (partial.readableBytes() < FrameLayout.PEEK_LENGTH) {
        return null;
      }
      reader.headers().checkHeader(partial, partial.readerIndex(), length);
      headerChecked = true;
    }
    partial.writeBytes(in, Math.min(length - partial.readableBytes(), in.readableBytes()));
    if (partial.readableBytes() < length) {
      return null;
    }
    ProtocolMessage message = reader.readFrame(partial, partial.readerIndex(), length);
    partial.clear();
    frameDone();
    return message;
  }

  /** Accumulates the u32 length prefix, which may itself arrive split. */
  private boolean readLength(ByteBuf in) {
    if (lengthBytesRead == 0 && in.readableBytes() >= FrameLayout.LENGTH_FIELD_LENGTH) {
      frameLength = in.readUnsignedInt();
      lengthBytesRead = FrameLayout.LENGTH_FIELD_LENGTH;
      return true;
    }
    while (lengthBytesRead < FrameLayout.LENGTH_FIELD_LENGTH) {
      if (!in.isReadable()) {
        return false;
      }
      frameLength = (frameLength << 8) | in.readUnsignedByte();
      lengthBytesRead++;
    }
    return true;
  }

  private void frameDone() {
    state = State.READ_LENGTH;
    frameLength = 0;
    lengthBytesRead = 0;
  }
}
