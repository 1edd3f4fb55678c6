package dev.parley.emulator.callee;

/**
 * SIMULATION ONLY: G.711 μ-law codec for the emulator's callee mixing.
 *
 * <p>A small local copy so the emulator does not wait on the {@code audio} module's codec; both
 * implement ITU-T G.711 and agree bit for bit. Table-driven decode, arithmetic encode.
 */
public final class MuLaw {

  /** μ-law code of linear zero: what a silent line carries. */
  public static final byte SILENCE = (byte) 0xFF;

  private static final int BIAS = 0x84;
  private static final int CLIP = 32635;
  private static final short[] DECODE = new short[256];

  static {
    for (int i = 0; i < 256; i++) {
      int u = ~i & 0xFF;
      int sign = u & 0x80;
      int exponent = (u >> 4) & 0x07;
      int mantissa = u & 0x0F;
      int sample = (((mantissa << 3) + BIAS) << exponent) - BIAS;
      DECODE[i] = (short) (sign != 0 ? -sample : sample);
    }
  }

  private MuLaw() {}

  /** Linear 16-bit sample of one μ-law byte. */
  public static int decode(byte ulaw) {
    return DECODE[ulaw & 0xFF];
  }

  /** μ-law byte of a linear sample; values beyond 16 bits are clipped. */
  public static byte encode(int pcm) {
    int sign = 0;
    if (pcm < 0) {
      sign = 0x80;
      pcm = -pcm;
    }
    if (pcm > CLIP) {
      pcm = CLIP;
    }
    pcm += BIAS;
    int top = pcm >> 7;
    int exponent = top == 0 ? 0 : Math.min(7, 31 - Integer.numberOfLeadingZeros(top));
    int mantissa = (pcm >> (exponent + 3)) & 0x0F;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }

  /**
   * Mean absolute linear level of {@code length} μ-law bytes (0 for silence, ~32k at full scale).
   */
  public static int meanLevel(byte[] ulaw, int offset, int length) {
    long sum = 0;
    for (int i = offset; i < offset + length; i++) {
      sum += Math.abs(DECODE[ulaw[i] & 0xFF]);
    }
    return length == 0 ? 0 : (int) (sum / length);
  }
}
