package dev.parley.media.twilio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Table-driven standard base64 (RFC 4648 section 4, with padding) over plain byte arrays.
 *
 * <p>Allocates nothing: both directions write into a caller-owned array, at any offset. Where
 * HotSpot intrinsifies {@link java.util.Base64} the per-frame paths use that instead ({@link
 * PayloadBase64} chooses); this codec is the fallback there and sets the rules both follow. Both
 * directions move a quad of characters as one 32-bit access: the encoder looks up 12 bits (two
 * characters) at a time, the decoder has one table per position in the quad with the sextet already
 * shifted into place and writes the quad's three bytes as one 32-bit store whose fourth byte the
 * next quad overwrites (about 10 % off a 216-character payload; two-character decode tables and
 * eight characters per step measured no better).
 */
public final class Base64Codec {

  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Sextet value per ASCII byte, -1 for bytes outside the alphabet (padding included). */
  private static final byte[] DECODE = new byte[256];

  /**
   * Per position in a quad, the sextet shifted to its place in the 24 decoded bits; -1 (every bit
   * set, so the OR of a quad goes negative) for bytes outside the alphabet.
   */
  private static final int[] DECODE_0 = new int[256];

  private static final int[] DECODE_1 = new int[256];
  private static final int[] DECODE_2 = new int[256];
  private static final int[] DECODE_3 = new int[256];

  /** Two base64 characters, big-endian in a short, for each 12-bit value. */
  private static final short[] ENCODE_12 = new short[4096];

  static {
    java.util.Arrays.fill(DECODE, (byte) -1);
    java.util.Arrays.fill(DECODE_0, -1);
    java.util.Arrays.fill(DECODE_1, -1);
    java.util.Arrays.fill(DECODE_2, -1);
    java.util.Arrays.fill(DECODE_3, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      DECODE[ALPHABET[i]] = (byte) i;
      DECODE_0[ALPHABET[i]] = i << 18;
      DECODE_1[ALPHABET[i]] = i << 12;
      DECODE_2[ALPHABET[i]] = i << 6;
      DECODE_3[ALPHABET[i]] = i;
    }
    for (int v = 0; v < ENCODE_12.length; v++) {
      ENCODE_12[v] = (short) (ALPHABET[v >>> 6] << 8 | ALPHABET[v & 0x3F]);
    }
  }

  /** Returned by {@link #decode} when the input is not valid base64. */
  public static final int INVALID = -1;

  private Base64Codec() {}

  /** Number of base64 characters (with padding) that encode {@code length} bytes. */
  public static int encodedLength(int length) {
    return (length + 2) / 3 * 4;
  }

  /**
   * Largest number of bytes {@code charCount} base64 characters can decode to (padding not
   * subtracted); used to check limits before decoding.
   */
  public static int maxDecodedLength(int charCount) {
    return charCount / 4 * 3;
  }

  /**
   * Decodes {@code length} base64 characters from {@code src} at {@code srcOff} into {@code dst} at
   * {@code dstOff}.
   *
   * @return the number of bytes written, or {@link #INVALID} when the length is not a multiple of
   *     4, a character is outside the alphabet, padding is misplaced, or {@code dst} is too small
   */
  public static int decode(byte[] src, int srcOff, int length, byte[] dst, int dstOff) {
    if (length == 0) {
      return 0;
    }
    if ((length & 3) != 0) {
      return INVALID;
    }
    int pad = 0;
    if (src[srcOff + length - 1] == '=') {
      pad = src[srcOff + length - 2] == '=' ? 2 : 1;
    }
    int outLen = length / 4 * 3 - pad;
    if (dstOff + outLen > dst.length) {
      return INVALID;
    }
    int fullQuads = pad == 0 ? length >> 2 : (length >> 2) - 1;
    int s = srcOff;
    int d = dstOff;
    int bad = 0;
    for (int q = 0; q < fullQuads; q++) {
      int quad = (int) INT_BE.get(src, s);
      int bits =
          DECODE_0[quad >>> 24]
              | DECODE_1[(quad >>> 16) & 0xFF]
              | DECODE_2[(quad >>> 8) & 0xFF]
              | DECODE_3[quad & 0xFF];
      // Any -1 sets the sign bit of the OR; checked once after the loop instead of per quad.
      bad |= bits;
      if (q < fullQuads - 1) {
        // The fourth byte lands on the next quad's first, which overwrites it.
        INT_BE.set(dst, d, bits << 8);
      } else {
        dst[d] = (byte) (bits >> 16);
        dst[d + 1] = (byte) (bits >> 8);
        dst[d + 2] = (byte) bits;
      }
      s += 4;
      d += 3;
    }
    if (bad < 0) {
      return INVALID;
    }
    if (pad != 0) {
      int a = DECODE[src[s] & 0xFF];
      int b = DECODE[src[s + 1] & 0xFF];
      if ((a | b) < 0) {
        return INVALID;
      }
      if (pad == 2) {
        dst[d] = (byte) (a << 2 | b >> 4);
      } else {
        int c = DECODE[src[s + 2] & 0xFF];
        if (c < 0) {
          return INVALID;
        }
        int bits = a << 18 | b << 12 | c << 6;
        dst[d] = (byte) (bits >> 16);
        dst[d + 1] = (byte) (bits >> 8);
      }
    }
    return outLen;
  }

  /**
   * Encodes {@code length} bytes from {@code src} into {@code dst} at {@code dstOff}.
   *
   * @return the number of characters written ({@link #encodedLength(int)})
   */
  public static int encode(byte[] src, int srcOff, int length, byte[] dst, int dstOff) {
    int s = srcOff;
    int d = dstOff;
    int end = srcOff + length / 3 * 3;
    while (s < end) {
      int bits = (src[s] & 0xFF) << 16 | (src[s + 1] & 0xFF) << 8 | (src[s + 2] & 0xFF);
      INT_BE.set(dst, d, ENCODE_12[bits >>> 12] << 16 | (ENCODE_12[bits & 0xFFF] & 0xFFFF));
      s += 3;
      d += 4;
    }
    int rest = srcOff + length - s;
    if (rest == 1) {
      int bits = (src[s] & 0xFF) << 16;
      dst[d] = ALPHABET[bits >>> 18];
      dst[d + 1] = ALPHABET[(bits >>> 12) & 0x3F];
      dst[d + 2] = '=';
      dst[d + 3] = '=';
      d += 4;
    } else if (rest == 2) {
      int bits = (src[s] & 0xFF) << 16 | (src[s + 1] & 0xFF) << 8;
      dst[d] = ALPHABET[bits >>> 18];
      dst[d + 1] = ALPHABET[(bits >>> 12) & 0x3F];
      dst[d + 2] = ALPHABET[(bits >>> 6) & 0x3F];
      dst[d + 3] = '=';
      d += 4;
    }
    return d - dstOff;
  }
}
