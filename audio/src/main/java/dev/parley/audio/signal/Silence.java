package dev.parley.audio.signal;

import dev.parley.audio.codec.MuLaw;
import java.util.Arrays;

/** Digital silence in μ-law and PCM. */
public final class Silence {

  private Silence() {}

  /** Fills {@code len} bytes with the μ-law code for zero. */
  public static void fill(byte[] buf, int off, int len) {
    Arrays.fill(buf, off, off + len, MuLaw.SILENCE);
  }

  /** {@code millis} of μ-law silence at 8 kHz. */
  public static byte[] muLaw(int millis) {
    byte[] out = new byte[samples(millis)];
    fill(out, 0, out.length);
    return out;
  }

  /** {@code millis} of PCM silence at 8 kHz. */
  public static short[] pcm(int millis) {
    return new short[samples(millis)];
  }

  /** Samples in {@code millis} at 8 kHz. */
  public static int samples(int millis) {
    return (int) ((long) millis * MuLaw.SAMPLE_RATE / 1000);
  }
}
