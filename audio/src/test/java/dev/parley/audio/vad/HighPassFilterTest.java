package dev.parley.audio.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.testing.SpeechCorpus;
import org.junit.jupiter.api.Test;

/**
 * {@link HighPassFilter} computes the zeros as an exact fourth difference and the poles as two
 * recurrences, on every other sample; this checks it against the textbook form, two RBJ high-pass
 * biquads in series run on the even samples of the stream, and a plain count of sign changes, on
 * speech, noise, hum and silence, in frames of every parity (and lengths that end the eight-code
 * crossing count on a whole word, one past it and seven past it).
 */
class HighPassFilterTest {

  private static final int FRAME = MuLaw.FRAME_SAMPLES;

  /** The reference: RBJ cookbook high-pass biquads, transposed direct form II, state in arrays. */
  private static final class Reference {
    private final double[][] b = new double[2][3];
    private final double[][] a = new double[2][3];
    private final double[][] z = new double[2][2];
    private long index;
    private boolean lastNegative;
    int crossings;

    Reference(double cornerHz) {
      double w0 = 2 * Math.PI * cornerHz / HighPassFilter.FILTER_RATE;
      double[] q = {0.54119610, 1.30656296};
      for (int s = 0; s < 2; s++) {
        double alpha = Math.sin(w0) / (2 * q[s]);
        double a0 = 1 + alpha;
        b[s][0] = (1 + Math.cos(w0)) / 2 / a0;
        b[s][1] = -(1 + Math.cos(w0)) / a0;
        b[s][2] = (1 + Math.cos(w0)) / 2 / a0;
        a[s][1] = -2 * Math.cos(w0) / a0;
        a[s][2] = (1 - alpha) / a0;
      }
    }

    /** Filtered energy scaled to the frame's length; {@link #crossings} gets the sign changes. */
    double energy(byte[] buf, int off, int len) {
      double energy = 0;
      int filtered = 0;
      crossings = 0;
      for (int i = off; i < off + len; i++, index++) {
        // A μ-law code's top bit is set for positive samples (0xFF is +0, 0x7F is -0).
        boolean negative = (buf[i] & 0x80) == 0;
        if (negative != lastNegative) {
          crossings++;
        }
        lastNegative = negative;
        if (index % 2 != 0) {
          continue;
        }
        double y = MuLaw.decode(buf[i]);
        for (int s = 0; s < 2; s++) {
          double x = y;
          y = b[s][0] * x + z[s][0];
          z[s][0] = b[s][1] * x - a[s][1] * y + z[s][1];
          z[s][1] = b[s][2] * x - a[s][2] * y;
        }
        energy += y * y;
        filtered++;
      }
      return filtered == 0 ? 0 : energy * len / filtered;
    }
  }

  private static void assertMatchesReference(byte[] audio, double corner, int[] frameLengths) {
    HighPassFilter fast = new HighPassFilter(corner);
    Reference reference = new Reference(corner);
    byte[] shifted = new byte[audio.length + 3];
    System.arraycopy(audio, 0, shifted, 3, audio.length);
    int k = 0;
    for (int off = 3; off < shifted.length; k++) {
      int len = Math.min(frameLengths[k % frameLengths.length], shifted.length - off);
      double expected = reference.energy(shifted, off, len);
      double actual = fast.energy(shifted, off, len);
      assertThat(actual).as("frame at %d", off).isCloseTo(expected, within(1e-9 * expected + 1e-6));
      assertThat(fast.crossings()).as("frame at %d", off).isEqualTo(reference.crossings);
      off += len;
    }
  }

  @Test
  void speechInNoiseMatchesTheBiquadCascadeOnEvenSamples() {
    short[] pcm = SpeechCorpus.callee().get(2).clone();
    NoiseGenerator.pink(5, -45).addTo(pcm, 0, pcm.length);
    assertMatchesReference(SignalMixer.toMuLaw(pcm), 300, new int[] {FRAME});
  }

  @Test
  void framesOfOddLengthKeepTheStreamsEvenSamples() {
    short[] pcm = SpeechCorpus.callee().get(4).clone();
    NoiseGenerator.white(6, -40).addTo(pcm, 0, pcm.length);
    assertMatchesReference(
        SignalMixer.toMuLaw(pcm), 300, new int[] {FRAME, 77, 1, 1, 0, 83, 2, 159, 8, 9, 15});
  }

  @Test
  void noiseHumAndSilenceMatchTheBiquadCascadeAtOtherCorners() {
    short[] pcm = NoiseGenerator.white(9, -30).generate(8_000);
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] += (short) (3000 * Math.sin(2 * Math.PI * 50 * i / 8000.0));
    }
    byte[] audio = new byte[pcm.length + 8_000];
    java.util.Arrays.fill(audio, MuLaw.SILENCE);
    System.arraycopy(SignalMixer.toMuLaw(pcm), 0, audio, 0, pcm.length);
    assertMatchesReference(audio, 200, new int[] {FRAME});
    assertMatchesReference(audio, 400, new int[] {FRAME});
  }

  @Test
  void resetForgetsTheHistory() {
    byte[] loud = SignalMixer.toMuLaw(NoiseGenerator.white(3, -10).generate(FRAME + 1));
    byte[] quiet = SignalMixer.toMuLaw(NoiseGenerator.white(4, -50).generate(FRAME));
    HighPassFilter fresh = new HighPassFilter(300);
    double expected = fresh.energy(quiet, 0, FRAME);
    int crossings = fresh.crossings();
    HighPassFilter used = new HighPassFilter(300);
    used.energy(loud, 0, FRAME + 1);
    used.reset();
    assertThat(used.energy(quiet, 0, FRAME)).isEqualTo(expected);
    assertThat(used.crossings()).isEqualTo(crossings);
  }
}
