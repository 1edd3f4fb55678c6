package dev.parley.audio.codec;

/**
 * Arithmetic G.711 μ-law (the segment search of the classic Sun reference code), kept as the
 * baseline the table-driven {@link MuLaw} is benchmarked and built against.
 */
public final class G711Reference {

  private static final int BIAS = 0x84;
  private static final int CLIP = 0x7FFF;
  private static final int SIGN_BIT = 0x80;
  private static final int QUANT_MASK = 0x0F;
  private static final int SEG_MASK = 0x70;
  private static final int SEG_SHIFT = 4;
  private static final int[] SEG_END = {0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF, 0x3FFF, 0x7FFF};

  private G711Reference() {}

  /** Encodes one 16-bit linear sample by segment search. */
  public static byte encode(int pcm) {
    if (pcm < 0) {
      return (byte) (encodeMagnitude(Math.min(-pcm, 32768)) & 0x7F);
    }
    return encodeMagnitude(Math.min(pcm, Short.MAX_VALUE));
  }

  /** Decodes one μ-law code arithmetically. */
  public static short decode(byte code) {
    int u = ~code & 0xFF;
    int t = ((u & QUANT_MASK) << 3) + BIAS;
    t <<= (u & SEG_MASK) >> SEG_SHIFT;
    return (short) ((u & SIGN_BIT) != 0 ? BIAS - t : t - BIAS);
  }

  /**
   * Positive-sign code for a magnitude 0..32768: bias, find the segment (position of the highest
   * set bit above bit 7), keep four mantissa bits, complement.
   */
  static byte encodeMagnitude(int magnitude) {
    int biased = magnitude + BIAS;
    if (biased > CLIP) {
      return (byte) (0x7F ^ 0xFF);
    }
    int seg = 0;
    while (biased > SEG_END[seg]) {
      seg++;
    }
    int u = (seg << SEG_SHIFT) | ((biased >> (seg + 3)) & QUANT_MASK);
    return (byte) (u ^ 0xFF);
  }
}
