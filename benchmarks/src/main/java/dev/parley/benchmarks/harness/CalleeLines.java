package dev.parley.benchmarks.harness;

import dev.parley.emulator.callee.SyntheticSpeechSource;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * SIMULATION ONLY, load harness: the callee's lines, voiced once by {@link SyntheticSpeechSource}
 * and shared read-only by every call, with trailing silence cut so a line ends on its last voiced
 * sample (the callee's end of turn is then exact).
 */
final class CalleeLines {

  private static final List<String> TEXT =
      List.of(
          "Yes, speaking.",
          "Sure, Thursday morning works for me.",
          "Could you say that again please?",
          "No, I think next week is better.",
          "Okay, thank you.",
          "Hold on, what time was that?");

  private final byte[][] audio;

  CalleeLines() {
    SyntheticSpeechSource voice = new SyntheticSpeechSource(210);
    audio = new byte[TEXT.size()][];
    for (int i = 0; i < TEXT.size(); i++) {
      audio[i] = trimSilence(voice.synthesize(TEXT.get(i)));
    }
  }

  /** One line, chosen by {@code random}; the array must not be written. */
  byte[] pick(SplittableRandom random) {
    return audio[random.nextInt(audio.length)];
  }

  private static byte[] trimSilence(byte[] ulaw) {
    int end = ulaw.length;
    // μ-law 0xFF and 0x7F are the two zero codes.
    while (end > 0 && (ulaw[end - 1] == (byte) 0xFF || ulaw[end - 1] == (byte) 0x7F)) {
      end--;
    }
    return Arrays.copyOf(ulaw, end);
  }
}
