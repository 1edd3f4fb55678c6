package dev.parley.audio.dtmf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Goertzel filters' powers computed as what they equal, DFT-bin dot products: a filter at
 * frequency w over a block ends with power |sum x[n] e^(-iwn)|^2, so four filters are eight dot
 * products of the block with fixed cosine and sine rows, eight float lanes at a time (the
 * incubating Vector API). The recursion waits on one multiply-add per sample; dot products do not
 * (222 -> 60 ns for the four row filters, thread CPU time). Sixteen lanes measured slower (84 ns:
 * their reductions cost more than the loop saves), doubles too (88 ns). Loaded only when {@link
 * dev.parley.audio.codec.MuLaw#VECTORIZED}.
 */
final class DtmfBinVectors {

  private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_256;

  private DtmfBinVectors() {}

  /**
   * Stores in {@code power[first..first+3]} the powers of the four bins whose cosine and sine rows
   * start at {@code first * BLOCK} in {@code cos} and {@code sin}, over the decoded block {@code
   * x}.
   */
  static void powers(float[] x, float[] cos, float[] sin, int first, double[] power) {
    int n = GoertzelDtmfDetector.BLOCK;
    int b0 = first * n;
    int b1 = b0 + n;
    int b2 = b1 + n;
    int b3 = b2 + n;
    FloatVector c0 = FloatVector.zero(LANES);
    FloatVector c1 = c0;
    FloatVector c2 = c0;
    FloatVector c3 = c0;
    FloatVector s0 = c0;
    FloatVector s1 = c0;
    FloatVector s2 = c0;
    FloatVector s3 = c0;
    // BLOCK is a multiple of the lane count: no tail.
    for (int i = 0; i < n; i += LANES.length()) {
      FloatVector v = FloatVector.fromArray(LANES, x, i);
      c0 = v.fma(FloatVector.fromArray(LANES, cos, b0 + i), c0);
      s0 = v.fma(FloatVector.fromArray(LANES, sin, b0 + i), s0);
      c1 = v.fma(FloatVector.fromArray(LANES, cos, b1 + i), c1);
      s1 = v.fma(FloatVector.fromArray(LANES, sin, b1 + i), s1);
      c2 = v.fma(FloatVector.fromArray(LANES, cos, b2 + i), c2);
      s2 = v.fma(FloatVector.fromArray(LANES, sin, b2 + i), s2);
      c3 = v.fma(FloatVector.fromArray(LANES, cos, b3 + i), c3);
      s3 = v.fma(FloatVector.fromArray(LANES, sin, b3 + i), s3);
    }
    // Reduced here, not in a helper taking vectors: when C2 ran out of its node budget for the
    // caller and left such a helper out of line, its vector arguments were boxed (2.6 KB a block).
    double re0 = c0.reduceLanes(VectorOperators.ADD);
    double im0 = s0.reduceLanes(VectorOperators.ADD);
    double re1 = c1.reduceLanes(VectorOperators.ADD);
    double im1 = s1.reduceLanes(VectorOperators.ADD);
    double re2 = c2.reduceLanes(VectorOperators.ADD);
    double im2 = s2.reduceLanes(VectorOperators.ADD);
    double re3 = c3.reduceLanes(VectorOperators.ADD);
    double im3 = s3.reduceLanes(VectorOperators.ADD);
    power[first] = re0 * re0 + im0 * im0;
    power[first + 1] = re1 * re1 + im1 * im1;
    power[first + 2] = re2 * re2 + im2 * im2;
    power[first + 3] = re3 * re3 + im3 * im3;
  }
}
