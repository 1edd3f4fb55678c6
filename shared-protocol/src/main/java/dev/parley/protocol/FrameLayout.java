package dev.parley.protocol;

/**
 * The frame layout ({@code PROTOCOL.md}, "Frame"). All numbers big-endian.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     length (u32, bytes after it)              |
 * +---------------+---------------+-------------------------------+
 * |  version (u8) |   type (u8)   |        flags (u16, 0)         |
 * +---------------+---------------+-------------------------------+
 * |                                                               |
 * +                 call id (UUID, 16 bytes; msb then lsb,        +
 * |                  all-zero for connection-level messages)      |
 * +                                                               +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      body (type-specific) ...                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Offsets below are relative to the first byte after the length prefix.
 */
final class FrameLayout {
  /** Bytes of the u32 length prefix. */
  static final int LENGTH_FIELD_LENGTH = 4;

  static final int VERSION_OFFSET = 0;
  static final int TYPE_OFFSET = 1;
  static final int FLAGS_OFFSET = 2;
  static final int CALL_ID_OFFSET = 4;

  /** Bytes from the version byte to the end of the call id: the smallest legal length prefix. */
  static final int HEADER_LENGTH = 20;

  /** Header bytes the decoder needs to check version, type and flags before buffering the body. */
  static final int PEEK_LENGTH = 4;

  private FrameLayout() {}
}
