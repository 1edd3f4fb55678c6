package dev.parley.audio.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.testing.SpeechCorpus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The detector runs its column filters only when the row filters leave a keypress possible. This
 * checks that the shortcut changes nothing (the same digits, frame for frame, as running all eight
 * filters on every block) over keys in noise down to 0 dB SNR, speech and noise, and prints how
 * many blocks still needed the columns.
 */
class GoertzelRowsFirstTest {

  private static final String KEYS = "0123456789*#ABCD";
  private static final int FRAME = MuLaw.FRAME_SAMPLES;

  private static byte[] keys(int toneMs, int gapMs) {
    DtmfToneGenerator gen = new DtmfToneGenerator(toneMs, gapMs, -10);
    gen.enqueue(KEYS);
    List<byte[]> frames = new ArrayList<>();
    int idle = 0;
    while (idle < 5) {
      if (!gen.isActive()) {
        idle++;
      }
      byte[] frame = new byte[FRAME];
      gen.writeFrame(frame, 0, FRAME);
      frames.add(frame);
    }
    byte[] out = new byte[frames.size() * FRAME];
    for (int i = 0; i < frames.size(); i++) {
      System.arraycopy(frames.get(i), 0, out, i * FRAME, FRAME);
    }
    return out;
  }

  private static byte[] withNoise(byte[] tones, NoiseGenerator noise) {
    return SignalMixer.mixMuLaw(tones, SignalMixer.toMuLaw(noise.generate(tones.length)), 0, 0);
  }

  static Map<String, byte[]> corpus() {
    Map<String, byte[]> c = new LinkedHashMap<>();
    byte[] tones = keys(70, 70);
    c.put("16 keys, clean", tones);
    // Each tone is -10 dBm0, about -13 dBov.
    for (int snr : new int[] {20, 10, 6, 3, 0}) {
      c.put(
          "16 keys + pink noise, SNR " + snr + " dB",
          withNoise(tones, NoiseGenerator.pink(snr, -13 - snr)));
      c.put(
          "16 keys + white noise, SNR " + snr + " dB",
          withNoise(tones, NoiseGenerator.white(snr, -13 - snr)));
    }
    c.put("16 keys, 50 ms tone and gap", keys(50, 50));
    List<byte[]> speech = new ArrayList<>();
    for (short[] phrase : SpeechCorpus.callee()) {
      speech.add(SignalMixer.toMuLaw(phrase));
    }
    for (short[] phrase : SpeechCorpus.agent()) {
      speech.add(SignalMixer.toMuLaw(SignalMixer.scale(phrase, 10)));
    }
    int length = speech.stream().mapToInt(b -> b.length).sum();
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] b : speech) {
      System.arraycopy(b, 0, all, at, b.length);
      at += b.length;
    }
    c.put("synthesised speech, callee and agent (+10 dB) phrases", all);
    c.put(
        "pink noise -20 dBov, 30 s",
        SignalMixer.toMuLaw(NoiseGenerator.pink(7, -20).generate(240_000)));
    c.put(
        "white noise -20 dBov, 30 s",
        SignalMixer.toMuLaw(NoiseGenerator.white(8, -20).generate(240_000)));
    return c;
  }

  /** Digits with the frame index each was reported in, the detector's column passes last. */
  static List<String> run(GoertzelDtmfDetector d, byte[] audio, int shift) {
    List<String> out = new ArrayList<>();
    byte[] padded = new byte[audio.length + shift + 3];
    java.util.Arrays.fill(padded, MuLaw.SILENCE);
    System.arraycopy(audio, 0, padded, 3 + shift, audio.length);
    int frame = 0;
    for (int off = 3; off + FRAME <= padded.length; off += FRAME, frame++) {
      char digit = d.process(padded, off, FRAME);
      if (digit != GoertzelDtmfDetector.NONE) {
        out.add(digit + "@" + frame);
      }
    }
    return out;
  }

  @Test
  void rowsFirstReportsExactlyWhatAllEightFiltersDo() {
    StringBuilder table =
        new StringBuilder(
            "| scenario | blocks | digits (rows first) | digits (all eight) | blocks needing columns |\n"
                + "|---|---:|---:|---:|---:|\n");
    long speechBlocks = 0;
    long speechColumnPasses = 0;
    for (Map.Entry<String, byte[]> e : corpus().entrySet()) {
      for (int shift : new int[] {0, 37}) {
        GoertzelDtmfDetector fast = new GoertzelDtmfDetector();
        GoertzelDtmfDetector full = new GoertzelDtmfDetector(false, MuLaw.VECTORIZED);
        List<String> a = run(fast, e.getValue(), shift);
        List<String> b = run(full, e.getValue(), shift);
        assertThat(a).as("%s, shift %d", e.getKey(), shift).isEqualTo(b);
        if (shift == 0) {
          long blocks = full.columnPasses();
          table.append(
              String.format(
                  "| %s | %d | %d | %d | %d (%.1f %%) |%n",
                  e.getKey(),
                  blocks,
                  a.size(),
                  b.size(),
                  fast.columnPasses(),
                  100.0 * fast.columnPasses() / blocks));
          if (e.getKey().startsWith("synthesised speech")) {
            speechBlocks = blocks;
            speechColumnPasses = fast.columnPasses();
          }
        }
      }
    }
    System.out.println(table);
    // The point of the shortcut: most blocks of speech are settled by the rows alone.
    assertThat(speechColumnPasses).isLessThan(speechBlocks / 4);
  }
}
