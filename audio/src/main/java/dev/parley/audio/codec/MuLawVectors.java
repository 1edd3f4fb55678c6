package dev.parley.audio.codec;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MuLaw}'s frame loops on SIMD lanes (the incubating Vector API): eight codes at a time are
 * widened to ints and decoded by G.711's arithmetic (a table lookup per lane would be a gather).
 * Loaded only when {@code jdk.incubator.vector} is in the boot layer ({@link MuLaw#VECTORIZED}).
 * Vectors never cross a method boundary here: a helper taking or returning one, left out of line
 * when C2 ran out of its inlining budget in a large caller, boxed them (kilobytes a frame). Results
 * equal the scalar loops exactly (integers throughout; MuLawTest checks every code).
 */
final class MuLawVectors {

  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
  private static final int LANES = 8;

  private MuLawVectors() {}

  /**
   * Whether this machine runs 256-bit lanes in hardware; without, the API's Java fallback would be
   * far slower than the scalar loops and allocate.
   */
  static boolean supported() {
    return IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
  }

  /** Sum of squared linear levels; {@code len} is a multiple of eight. */
  static long energy(byte[] buf, int off, int len) {
    LongVector sum = LongVector.zero(LONGS);
    for (int i = off, end = off + len; i < end; i += LANES) {
      // G.711 stores codes inverted; |linear| = ((mantissa * 8 + 132) << exponent) - 132.
      IntVector u =
          ((IntVector) ByteVector.fromArray(BYTES, buf, i).castShape(INTS, 0)).not().and(0xFF);
      IntVector exponent = u.lanewise(VectorOperators.LSHR, 4).and(7);
      IntVector m =
          u.and(0x0F)
              .lanewise(VectorOperators.LSHL, 3)
              .add(0x84)
              .lanewise(VectorOperators.LSHL, exponent)
              .sub(0x84);
      // A square is at most 32124^2 < 2^31; a frame's sum is not, so it is kept in longs (four
      // lanes each half: 256-bit vectors throughout, so AVX2 machines run this too).
      IntVector squares = m.mul(m);
      sum = sum.add(squares.castShape(LONGS, 0)).add(squares.castShape(LONGS, 1));
    }
    return sum.reduceLanes(VectorOperators.ADD);
  }

  /** Decodes to floats (exact: every level is an integer under 2^15); {@code len} multiple of 8. */
  static void decode(byte[] src, int off, int len, float[] dst, int dstOff) {
    for (int i = 0; i < len; i += LANES) {
      IntVector u =
          ((IntVector) ByteVector.fromArray(BYTES, src, off + i).castShape(INTS, 0))
              .not()
              .and(0xFF);
      IntVector exponent = u.lanewise(VectorOperators.LSHR, 4).and(7);
      IntVector m =
          u.and(0x0F)
              .lanewise(VectorOperators.LSHL, 3)
              .add(0x84)
              .lanewise(VectorOperators.LSHL, exponent)
              .sub(0x84);
      VectorMask<Integer> negative = u.and(0x80).compare(VectorOperators.NE, 0);
      IntVector linear = m.blend(m.neg(), negative);
      ((FloatVector) linear.castShape(FLOATS, 0)).intoArray(dst, dstOff + i);
    }
  }
}
