package dev.parley.media.speech.fake;

import java.io.ByteArrayOutputStream;

/**
 * What the fake synthesisers "say": 40 μ-law bytes (5 ms) per character of the text, each byte the
 * character's code, so a test can tell which text the audio came from and that none was lost or
 * reordered.
 */
public final class FakeAudio {

  private FakeAudio() {}

  public static byte[] of(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (char c : text.strip().toCharArray()) {
      for (int i = 0; i < 40; i++) {
        out.write((byte) c);
      }
    }
    return out.toByteArray();
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
