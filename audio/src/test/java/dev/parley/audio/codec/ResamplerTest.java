package dev.parley.audio.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResamplerTest {

  private static short[] sine(double hz, int rate, int samples, double amplitude) {
    short[] out = new short[samples];
    for (int i = 0; i < samples; i++) {
      out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return out;
  }

  /** RMS over the middle of a signal, away from the kernel's start-up and tail. */
  private static double rms(short[] x) {
    double sum = 0;
    int from = x.length / 4;
    int to = 3 * x.length / 4;
    for (int i = from; i < to; i++) {
      sum += (double) x[i] * x[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  /** Power of {@code hz} in {@code x} at {@code rate}, as the amplitude of a matching sine. */
  private static double amplitudeAt(short[] x, double hz, int rate) {
    double re = 0;
    double im = 0;
    int from = x.length / 4;
    int to = 3 * x.length / 4;
    for (int i = from; i < to; i++) {
      re += x[i] * Math.cos(2 * Math.PI * hz * i / rate);
      im += x[i] * Math.sin(2 * Math.PI * hz * i / rate);
    }
    return 2 * Math.hypot(re, im) / (to - from);
  }

  @Test
  void halvesTheRateKeepingAnInBandToneIntact() {
    short[] in = sine(1000, 16000, 16000, 10000);
    short[] out = Resampler.resample(in, 16000, 8000);
    assertThat(out).hasSize(8000);
    assertThat(amplitudeAt(out, 1000, 8000)).isCloseTo(10000, offset(250.0));
    // The tone is where it should be in time too: the kernel is linear-phase and centred.
    assertThat(out[2000 + 2])
        .isCloseTo(
            (short) Math.round(10000 * Math.sin(2 * Math.PI * 1000 * 2002 / 8000.0)),
            offset((short) 300));
  }

  @Test
  void filtersWhatWouldAliasBeforeDecimating() {
    // 5 kHz at 16 kHz would fold to 3 kHz at 8 kHz without the low-pass.
    short[] out = Resampler.resample(sine(5000, 16000, 16000, 10000), 16000, 8000);
    assertThat(rms(out)).isLessThan(10000 / Math.sqrt(2) / 100); // at least 40 dB down
  }

  @Test
  void streamingInOddChunksMatchesOneShot() {
    short[] in = sine(440, 16000, 9001, 8000);
    short[] expected = Resampler.resample(in, 16000, 8000);
    Resampler r = new Resampler(16000, 8000);
    short[] out = new short[expected.length + 64];
    int n = 0;
    int[] chunks = {1, 7, 160, 333, 4097, 5000};
    int pos = 0;
    for (int i = 0; pos < in.length; i++) {
      int len = Math.min(chunks[i % chunks.length], in.length - pos);
      short[] buf = new short[r.maxOutput(len)];
      int w = r.process(in, pos, len, buf, 0);
      System.arraycopy(buf, 0, out, n, w);
      n += w;
      pos += len;
    }
    short[] tail = new short[r.maxOutput(64)];
    int w = r.flush(tail, 0);
    System.arraycopy(tail, 0, out, n, Math.min(w, out.length - n));
    assertThat(Arrays.copyOf(out, expected.length)).isEqualTo(expected);
  }

  @Test
  void handlesOtherRatios() {
    short[] up = Resampler.resample(sine(1000, 8000, 8000, 10000), 8000, 16000);
    assertThat(up).hasSize(16000);
    assertThat(amplitudeAt(up, 1000, 16000)).isCloseTo(10000, offset(250.0));
    short[] odd = Resampler.resample(sine(1000, 22050, 22050, 10000), 22050, 8000);
    assertThat(odd).hasSize(8000);
    assertThat(amplitudeAt(odd, 1000, 8000)).isCloseTo(10000, offset(250.0));
  }
}
