package dev.parley.emulator.callee;

import dev.parley.audio.codec.MuLaw;

/**
 * SIMULATION ONLY: deterministic speech-like audio for a line of text, no speech model needed.
 *
 * <p>Each vowel group becomes a voiced syllable (a gliding fundamental with harmonics and a smooth
 * envelope), words are separated by short gaps. It carries no words, but it has speech's energy,
 * rhythm and spectrum, so a VAD, an echo gate and barge-in treat it as speech; the same text always
 * gives the same bytes.
 */
public final class SyntheticSpeechSource implements CalleeAudioSource {

  private static final int SAMPLE_RATE = 8000;
  private static final int SYLLABLE_SAMPLES = SAMPLE_RATE * 170 / 1000;
  private static final int SYLLABLE_GAP_SAMPLES = SAMPLE_RATE * 40 / 1000;
  private static final int WORD_GAP_SAMPLES = SAMPLE_RATE * 110 / 1000;

  private final double amplitude;
  private final double baseF0;

  /** A voice at about -12 dBFS with a fundamental near {@code baseF0} Hz. */
  public SyntheticSpeechSource(double baseF0) {
    this(baseF0, 0.25);
  }

  /** A voice of peak {@code amplitude} (0..1 of full scale) around {@code baseF0} Hz. */
  public SyntheticSpeechSource(double baseF0, double amplitude) {
    this.baseF0 = baseF0;
    this.amplitude = amplitude;
  }

  @Override
  public byte[] synthesize(String text) {
    String[] words = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
    int total = 0;
    int[] syllables = new int[words.length];
    for (int w = 0; w < words.length; w++) {
      syllables[w] = countSyllables(words[w]);
      total += syllables[w] * (SYLLABLE_SAMPLES + SYLLABLE_GAP_SAMPLES) + WORD_GAP_SAMPLES;
    }
    byte[] out = new byte[total];
    int pos = 0;
    int seed = text.hashCode();
    for (int w = 0; w < words.length; w++) {
      for (int s = 0; s < syllables[w]; s++) {
        seed = seed * 1103515245 + 12345;
        double f0 = baseF0 * (0.9 + ((seed >>> 16) & 0xFF) / 255.0 * 0.25);
        writeSyllable(out, pos, f0);
        pos += SYLLABLE_SAMPLES;
        fillSilence(out, pos, SYLLABLE_GAP_SAMPLES);
        pos += SYLLABLE_GAP_SAMPLES;
      }
      fillSilence(out, pos, WORD_GAP_SAMPLES);
      pos += WORD_GAP_SAMPLES;
    }
    return out;
  }

  private void writeSyllable(byte[] out, int pos, double f0) {
    double phase = 0;
    for (int i = 0; i < SYLLABLE_SAMPLES; i++) {
      double t = (double) i / SYLLABLE_SAMPLES;
      // Raised-cosine envelope: no clicks at syllable edges, like a real voiced onset and decay.
      double envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * t);
      double f = f0 * (1.08 - 0.16 * t);
      phase += 2 * Math.PI * f / SAMPLE_RATE;
      double v =
          Math.sin(phase)
              + 0.6 * Math.sin(2 * phase)
              + 0.4 * Math.sin(3 * phase)
              + 0.25 * Math.sin(5 * phase);
      out[pos + i] = MuLaw.encode((int) (v / 2.25 * envelope * amplitude * 32767));
    }
  }

  private static void fillSilence(byte[] out, int pos, int length) {
    for (int i = pos; i < pos + length; i++) {
      out[i] = MuLaw.SILENCE;
    }
  }

  static int countSyllables(String word) {
    int groups = 0;
    boolean inVowel = false;
    for (int i = 0; i < word.length(); i++) {
      boolean vowel = "aeiouyAEIOUY".indexOf(word.charAt(i)) >= 0;
      if (vowel && !inVowel) {
        groups++;
      }
      inVowel = vowel;
    }
    return Math.max(1, groups);
  }
}
