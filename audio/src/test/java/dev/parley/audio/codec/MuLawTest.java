package dev.parley.audio.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class MuLawTest {

  private static final AudioFormat PCM = new AudioFormat(8000f, 16, 1, true, false);
  private static final AudioFormat ULAW =
      new AudioFormat(AudioFormat.Encoding.ULAW, 8000f, 8, 1, 1, 8000f, false);

  /** Converts bytes from one format to another through javax.sound.sampled. */
  private static byte[] convert(byte[] in, AudioFormat from, AudioFormat to, int frames)
      throws IOException {
    try (AudioInputStream source =
            new AudioInputStream(new ByteArrayInputStream(in), from, frames);
        AudioInputStream converted = AudioSystem.getAudioInputStream(to, source)) {
      return converted.readAllBytes();
    }
  }

  @Test
  void encodesEverySixteenBitSampleExactlyAsJavaSound() throws IOException {
    byte[] pcm = new byte[65536 * 2];
    for (int i = 0; i < 65536; i++) {
      int sample = i - 32768;
      pcm[2 * i] = (byte) sample;
      pcm[2 * i + 1] = (byte) (sample >> 8);
    }
    byte[] expected = convert(pcm, PCM, ULAW, 65536);
    assertThat(expected).hasSize(65536);

    int mismatches = 0;
    int javaxOverflows = 0;
    StringBuilder firstMismatches = new StringBuilder();
    for (int i = 0; i < 65536; i++) {
      int sample = i - 32768;
      byte table = MuLaw.encode(sample);
      byte reference = G711Reference.encode(sample);
      byte want = expected[i];
      if (Math.abs(sample) + 0x84 > Short.MAX_VALUE) {
        // javax adds the 0x84 bias in a short, which wraps for |pcm| > 32635 and turns the loudest
        // samples into near-silence. Prove javax does exactly that (so nothing else differs) and
        // hold our codec to G.711's clip to the largest code instead.
        assertThat(want).as("javax wrap model at %d", sample).isEqualTo(javaxShortOverflow(sample));
        want = (byte) (sample < 0 ? 0x00 : 0x80);
        javaxOverflows++;
      }
      if (table != want || reference != want) {
        if (mismatches++ < 10) {
          firstMismatches.append(
              String.format(
                  "pcm %d: want %02x table %02x reference %02x%n", sample, want, table, reference));
        }
      }
    }
    assertThat(mismatches).as(firstMismatches.toString()).isZero();
    assertThat(javaxOverflows).isEqualTo(265);
  }

  @Test
  void frameEncodeMatchesSampleEncodeForEverySixteenBitSample() {
    short[] pcm = new short[65536 + 5];
    for (int i = 0; i < 65536; i++) {
      pcm[5 + i] = (short) (i - 32768);
    }
    byte[] codes = new byte[65536 + 3];
    MuLaw.encode(pcm, 5, 65536, codes, 3);
    for (int i = 0; i < 65536; i++) {
      assertThat(codes[3 + i]).as("pcm %d", i - 32768).isEqualTo(MuLaw.encode(i - 32768));
    }
  }

  @Test
  void samplesBeyondTheShortRangeClipToTheLoudestCodes() {
    for (int pcm : new int[] {32768, 40_000, 1 << 20, Integer.MAX_VALUE}) {
      assertThat(MuLaw.encode(pcm)).as("pcm %d", pcm).isEqualTo((byte) 0x80);
      assertThat(MuLaw.encode(-pcm - 1)).as("pcm %d", -pcm - 1).isEqualTo((byte) 0x00);
    }
  }

  /** What javax's UlawCodec computes when the biased magnitude wraps around in a short. */
  private static byte javaxShortOverflow(int pcm) {
    int mask = pcm < 0 ? 0x7F : 0xFF;
    short biased = (short) (pcm < 0 ? 0x84 - pcm : pcm + 0x84);
    // A negative short is below every segment end, so javax lands in segment 0.
    int u = (biased >> 3) & 0x0F;
    return (byte) (u ^ mask);
  }

  @Test
  void decodesEveryCodeExactlyAsJavaSound() throws IOException {
    byte[] codes = new byte[256];
    for (int i = 0; i < 256; i++) {
      codes[i] = (byte) i;
    }
    byte[] pcm = convert(codes, ULAW, PCM, 256);
    assertThat(pcm).hasSize(512);
    for (int i = 0; i < 256; i++) {
      short expected = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
      assertThat(MuLaw.decode((byte) i)).as("code %02x", i).isEqualTo(expected);
      assertThat(G711Reference.decode((byte) i)).as("code %02x", i).isEqualTo(expected);
      assertThat(MuLaw.energy((byte) i)).isEqualTo(expected * expected);
    }
  }

  @Test
  void testsRunWithTheVectorApiAsTheMediaNodeDoes() {
    // This module's surefire argLine adds the module, so the SIMD paths are what its tests
    // exercise.
    assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
  }

  @Test
  void frameEnergyAndFloatDecodeEqualThePerCodeValues() {
    java.util.Random random = new java.util.Random(5);
    byte[] buf = new byte[700];
    float[] decoded = new float[700];
    for (int round = 0; round < 200; round++) {
      random.nextBytes(buf);
      if (round == 0) {
        // Every code, in each of the eight lanes.
        for (int i = 0; i < 512; i++) {
          buf[i] = (byte) (i / 2);
        }
      }
      // Odd offsets and lengths: the lanes' edges and the scalar tail.
      int off = round % 11;
      int len = round == 0 ? 600 : random.nextInt(buf.length - off);
      long expected = 0;
      for (int i = off; i < off + len; i++) {
        expected += MuLaw.energy(buf[i]);
      }
      assertThat(MuLaw.energy(buf, off, len)).as("round %d", round).isEqualTo(expected);
      java.util.Arrays.fill(decoded, Float.NaN);
      MuLaw.decode(buf, off, len, decoded, 3);
      for (int i = 0; i < len; i++) {
        assertThat(decoded[3 + i])
            .as("round %d, sample %d", round, i)
            .isEqualTo(MuLaw.decode(buf[off + i]));
      }
      assertThat(decoded[2]).isNaN();
      if (3 + len < decoded.length) {
        assertThat(decoded[3 + len]).isNaN();
      }
    }
  }
}
