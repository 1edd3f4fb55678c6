package dev.parley.emulator.support;

import dev.parley.audio.codec.MuLaw;
import dev.parley.emulator.callee.LineLevel;

/** Test audio. */
public final class Tones {
  private Tones() {}

  /** {@code frames} 20 ms frames of a 440 Hz tone at amplitude {@code amplitude} (linear). */
  public static byte[] tone(int frames, int amplitude) {
    byte[] out = new byte[frames * 160];
    for (int i = 0; i < out.length; i++) {
      out[i] = MuLaw.encode((int) (amplitude * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
    }
    return out;
  }

  /** Mean level of frame {@code index} of {@code audio}. */
  public static int frameLevel(byte[] audio, int index) {
    return LineLevel.meanLevel(audio, index * 160, 160);
  }
}
