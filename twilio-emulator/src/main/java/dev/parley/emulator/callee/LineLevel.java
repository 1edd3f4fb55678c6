package dev.parley.emulator.callee;

import dev.parley.audio.codec.MuLaw;

/** SIMULATION ONLY: how loud a stretch of μ-law audio is, as the simulated callee's ear judges. */
public final class LineLevel {

  private LineLevel() {}

  /** Mean absolute linear level of {@code length} μ-law bytes (0 for silence, ~32k full scale). */
  public static int meanLevel(byte[] ulaw, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    long sum = 0;
    for (int i = offset; i < offset + length; i++) {
      sum += Math.abs(MuLaw.decode(ulaw[i]));
    }
    return (int) (sum / length);
  }
}
