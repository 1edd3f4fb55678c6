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
 * recurrences; this checks it against the textbook form it replaced, two RBJ high-pass biquads in
 * series, sample by sample, on speech, noise, hum and silence.
 */
class HighPassFilterTest {

  private static final int FRAME = MuLaw.FRAME_SAMPLES;

  /** The reference: RBJ cookbook high-pass biquads, transposed direct form II, state in arrays. */
  private static final class Cascade {
    private final double[][] b = new double[2][3];
    private final double[][] a = new double[2][3];
    private final double[][] z = new double[2][2];
    private long lastSign;

    Cascade(double cornerHz) {
      double w0 = 2 * Math.PI * cornerHz / MuLaw.SAMPLE_RATE;
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

    /** Energy of the output over the frame; {@code crossings[0]} gets the sign changes. */
    double energy(byte[] buf, int off, int len, int[] crossings) {
      double energy = 0;
      int changes = 0;
      for (int i = off; i < off + len; i++) {
        double y = MuLaw.decode(buf[i]);
        for (int s = 0; s < 2; s++) {
          double x = y;
          y = b[s][0] * x + z[s][0];
          z[s][0] = b[s][1] * x - a[s][1] * y + z[s][1];
          z[s][1] = b[s][2] * x - a[s][2] * y;
        }
        energy += y * y;
        long sign = y < 0 ? 1 : 0;
        changes += (int) (sign ^ lastSign);
        lastSign = sign;
      }
      crossings[0] = changes;
      return energy;
    }
  }

  private static void assertMatchesCascade(byte[] audio, double corner) {
    HighPassFilter fast = new HighPassFilter(corner);
    Cascade reference = new Cascade(corner);
    int[] crossings = new int[1];
    byte[] shifted = new byte[audio.length + 3];
    System.arraycopy(audio, 0, shifted, 3, audio.length);
    for (int off = 3; off + FRAME <= shifted.length; off += FRAME) {
      double expected = reference.energy(shifted, off, FRAME, crossings);
      double actual = fast.energy(shifted, off, FRAME);
      assertThat(actual).isCloseTo(expected, within(1e-9 * expected + 1e-6));
      if (expected > FRAME) {
        // An output within rounding of zero may take the other sign: one such sample moves the
        // count by two. (A fading tail of silence, below -90 dBov, flips sign at random; the
        // fast filter flushes it to zero, which the VAD's minimum level makes moot.)
        assertThat(fast.crossings()).isCloseTo(crossings[0], within(2));
      }
    }
  }

  @Test
  void speechInNoiseMatchesTheBiquadCascade() {
    short[] pcm = SpeechCorpus.callee().get(2).clone();
    NoiseGenerator.pink(5, -45).addTo(pcm, 0, pcm.length);
    assertMatchesCascade(SignalMixer.toMuLaw(pcm), 300);
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
    assertMatchesCascade(audio, 200);
    assertMatchesCascade(audio, 400);
  }

  @Test
  void resetForgetsTheHistory() {
    byte[] loud = SignalMixer.toMuLaw(NoiseGenerator.white(3, -10).generate(FRAME));
    byte[] quiet = SignalMixer.toMuLaw(NoiseGenerator.white(4, -50).generate(FRAME));
    HighPassFilter fresh = new HighPassFilter(300);
    double expected = fresh.energy(quiet, 0, FRAME);
    HighPassFilter used = new HighPassFilter(300);
    used.energy(loud, 0, FRAME);
    used.reset();
    assertThat(used.energy(quiet, 0, FRAME)).isEqualTo(expected);
  }
}
