package dev.parley.audio.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.parley.audio.codec.MuLaw;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SIMD form (dot products in float lanes) against the scalar Goertzel recursion in doubles. The
 * two round differently, so this checks what matters: the same digits in the same frames and the
 * same blocks needing the column filters, over keys in noise down to 0 dB SNR, speech and noise;
 * and every filter's power within 1e-5 of the recursion's wherever a decision could look at it.
 */
class GoertzelSimdTest {

  @Test
  void simdReportsExactlyWhatTheRecursionDoes() {
    assumeThat(MuLaw.VECTORIZED).as("SIMD available in this JVM").isTrue();
    for (Map.Entry<String, byte[]> e : GoertzelRowsFirstTest.corpus().entrySet()) {
      for (int shift : new int[] {0, 37}) {
        for (boolean rowsFirst : new boolean[] {true, false}) {
          GoertzelDtmfDetector simd = new GoertzelDtmfDetector(rowsFirst, true);
          GoertzelDtmfDetector scalar = new GoertzelDtmfDetector(rowsFirst, false);
          List<String> a = GoertzelRowsFirstTest.run(simd, e.getValue(), shift);
          List<String> b = GoertzelRowsFirstTest.run(scalar, e.getValue(), shift);
          String as = String.format("%s, shift %d, rows first %b", e.getKey(), shift, rowsFirst);
          assertThat(a).as(as).isEqualTo(b);
          assertThat(simd.columnPasses()).as(as).isEqualTo(scalar.columnPasses());
        }
      }
    }
  }

  @Test
  void simdPowersMatchTheRecursion() {
    assumeThat(MuLaw.VECTORIZED).as("SIMD available in this JVM").isTrue();
    GoertzelDtmfDetector simd = new GoertzelDtmfDetector(false, true);
    GoertzelDtmfDetector scalar = new GoertzelDtmfDetector(false, false);
    Random random = new Random(11);
    byte[] block = new byte[GoertzelDtmfDetector.BLOCK];
    double worst = 0;
    for (byte[] audio : GoertzelRowsFirstTest.corpus().values()) {
      for (int off = 0; off + block.length <= audio.length; off += block.length) {
        simd.process(audio, off, block.length);
        scalar.process(audio, off, block.length);
        worst = Math.max(worst, worstError(simd, scalar, audio, off));
      }
    }
    // Random codes: full-scale, every code.
    for (int i = 0; i < 2000; i++) {
      random.nextBytes(block);
      simd.process(block, 0, block.length);
      scalar.process(block, 0, block.length);
      worst = Math.max(worst, worstError(simd, scalar, block, 0));
    }
    System.out.printf("worst power error, SIMD vs recursion: %.2e of the block's scale%n", worst);
    assertThat(worst).isLessThan(1e-5);
  }

  /**
   * Largest power difference over the eight filters, relative to the larger of the filter's power
   * and a pure tone's power at the block's energy: every decision compares a power with another
   * power, a fixed level or the block's energy, so no decision can look at a finer scale.
   */
  private static double worstError(
      GoertzelDtmfDetector simd, GoertzelDtmfDetector scalar, byte[] audio, int off) {
    // A sine with the block's energy E has power E * BLOCK / 2.
    double scale =
        Math.max(1, MuLaw.energy(audio, off, GoertzelDtmfDetector.BLOCK))
            * GoertzelDtmfDetector.BLOCK
            / 2.0;
    double worst = 0;
    for (int k = 0; k < 8; k++) {
      double p = scalar.power(k);
      worst = Math.max(worst, Math.abs(simd.power(k) - p) / Math.max(p, scale));
    }
    return worst;
  }
}
