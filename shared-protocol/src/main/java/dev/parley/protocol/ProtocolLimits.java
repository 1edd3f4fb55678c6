package dev.parley.protocol;

/**
 * Every limit the codec enforces, in one immutable object. The decoder checks each length read from
 * the wire against these before it reads or allocates anything; the encoder refuses to write what
 * the peer would refuse to read. Both sides of a connection must use the same limits, so change
 * them only together with the spec ({@code PROTOCOL.md}).
 *
 * @param maxFrameLength the largest value of the u32 length prefix (bytes after the prefix)
 * @param maxIdBytes identifiers and short names (node id, tenant id, voice, language, providers)
 * @param maxUrlBytes the node's public media URL
 * @param maxTokenBytes the Twilio stream token
 * @param maxTextBytes greeting, transcript, speech, reason and error texts
 * @param maxInstructionsBytes speech-to-speech instructions
 * @param maxJsonBytes tool-call arguments and results
 * @param maxDigits DTMF digits in one SEND_DTMF
 */
public record ProtocolLimits(
    int maxFrameLength,
    int maxIdBytes,
    int maxUrlBytes,
    int maxTokenBytes,
    int maxTextBytes,
    int maxInstructionsBytes,
    int maxJsonBytes,
    int maxDigits) {

  /**
   * E.164 allows 15 digits; with the '+' that is 16 bytes, fixed by the standard, not by config.
   */
  public static final int E164_MAX_BYTES = 16;

  /** The limits of protocol version 1 ({@code PROTOCOL.md}, "Limits"). */
  public static final ProtocolLimits DEFAULT =
      new ProtocolLimits(64 * 1024, 64, 512, 1024, 4096, 16 * 1024, 32 * 1024, 64);

  /** Validates that every limit is positive and that string limits fit a u16 length. */
  public ProtocolLimits {
    if (maxFrameLength < FrameLayout.HEADER_LENGTH || maxFrameLength > 16 * 1024 * 1024) {
      throw new IllegalArgumentException(
          "maxFrameLength must be in ["
              + FrameLayout.HEADER_LENGTH
              + ", 16 MiB]: "
              + maxFrameLength);
    }
    checkStringLimit("maxIdBytes", maxIdBytes);
    checkStringLimit("maxUrlBytes", maxUrlBytes);
    checkStringLimit("maxTokenBytes", maxTokenBytes);
    checkStringLimit("maxTextBytes", maxTextBytes);
    checkStringLimit("maxInstructionsBytes", maxInstructionsBytes);
    checkStringLimit("maxJsonBytes", maxJsonBytes);
    checkStringLimit("maxDigits", maxDigits);
  }

  /** A copy with another maximum frame length. */
  public ProtocolLimits withMaxFrameLength(int maxFrameLength) {
    return new ProtocolLimits(
        maxFrameLength,
        maxIdBytes,
        maxUrlBytes,
        maxTokenBytes,
        maxTextBytes,
        maxInstructionsBytes,
        maxJsonBytes,
        maxDigits);
  }

  int maxBytes(StringKind kind) {
    switch (kind) {
      case ID:
        return maxIdBytes;
      case E164:
        return E164_MAX_BYTES;
      case URL:
        return maxUrlBytes;
      case TOKEN:
        return maxTokenBytes;
      case TEXT:
        return maxTextBytes;
      case INSTRUCTIONS:
        return maxInstructionsBytes;
      case JSON:
        return maxJsonBytes;
      case DIGITS:
        return maxDigits;
      default:
        throw new AssertionError(kind);
    }
  }

  private static void checkStringLimit(String name, int value) {
    if (value < 1 || value > 0xFFFF) {
      throw new IllegalArgumentException(name + " must be in [1, 65535]: " + value);
    }
  }
}
