package dev.parley.audio.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.signal.TestAudio;
import dev.parley.audio.testing.SpeechCorpus;
import org.junit.jupiter.api.Test;

class DtmfRoundTripTest {

  private static final String ALL_KEYS = "0123456789*#ABCD";
  private static final int FRAME = MuLaw.FRAME_SAMPLES;

  /** Generates {@code digits} frame by frame, then {@code tailFrames} of silence. */
  private static byte[] generate(DtmfToneGenerator gen, String digits, int tailFrames) {
    gen.enqueue(digits);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] frame = new byte[FRAME + 3];
    int idle = 0;
    while (idle < tailFrames) {
      if (!gen.isActive()) {
        idle++;
      }
      gen.writeFrame(frame, 3, FRAME);
      out.write(frame, 3, FRAME);
    }
    return out.toByteArray();
  }

  /** Runs the detector over {@code audio} in frames starting {@code shift} samples in. */
  private static String detect(byte[] audio, int shift) {
    GoertzelDtmfDetector detector = new GoertzelDtmfDetector();
    StringBuilder digits = new StringBuilder();
    byte[] padded = new byte[audio.length + shift + 5];
    java.util.Arrays.fill(padded, MuLaw.SILENCE);
    System.arraycopy(audio, 0, padded, 5 + shift, audio.length);
    for (int off = 5; off + FRAME <= padded.length; off += FRAME) {
      char d = detector.process(padded, off, FRAME);
      if (d != GoertzelDtmfDetector.NONE) {
        digits.append(d);
      }
    }
    return digits.toString();
  }

  @Test
  void everyKeyRoundTripsAtDefaultTiming() {
    byte[] audio = generate(new DtmfToneGenerator(), ALL_KEYS, 5);
    assertThat(detect(audio, 0)).isEqualTo(ALL_KEYS);
  }

  @Test
  void everyKeyRoundTripsAtMinimumTimingWhateverTheFrameAlignment() {
    // 50 ms tone and gap, including repeated keys, at every alignment to the 20 ms blocks.
    String digits = ALL_KEYS + "1155##";
    byte[] audio = generate(new DtmfToneGenerator(50, 50, -10), digits, 5);
    for (int shift = 0; shift < FRAME; shift += 7) {
      assertThat(detect(audio, shift)).as("shift %d", shift).isEqualTo(digits);
    }
  }

  @Test
  void keysSurviveNoiseAtReasonableSnr() {
    byte[] tones = generate(new DtmfToneGenerator(), ALL_KEYS, 5);
    // Each tone is -10 dBm0, about -13 dBov: pink noise at -33 dBov and white at -30 dBov leave
    // 20 and 17 dB of SNR per tone.
    short[] pink = NoiseGenerator.pink(1, -33).generate(tones.length);
    short[] white = NoiseGenerator.white(2, -30).generate(tones.length);
    assertThat(detect(SignalMixer.mixMuLaw(tones, SignalMixer.toMuLaw(pink), 0, 0), 0))
        .isEqualTo(ALL_KEYS);
    assertThat(detect(SignalMixer.mixMuLaw(tones, SignalMixer.toMuLaw(white), 0, 0), 0))
        .isEqualTo(ALL_KEYS);
  }

  @Test
  void noiseAloneIsNoDigit() {
    byte[] pink = TestAudio.builder(60_000).noise(NoiseGenerator.pink(3, -20)).build().muLaw();
    byte[] white = TestAudio.builder(60_000).noise(NoiseGenerator.white(4, -20)).build().muLaw();
    byte[] hum = TestAudio.builder(10_000).noise(NoiseGenerator.hum(60, -15)).build().muLaw();
    assertThat(detect(pink, 0)).isEmpty();
    assertThat(detect(white, 0)).isEmpty();
    assertThat(detect(hum, 0)).isEmpty();
  }

  @Test
  void speechIsNoDigit() {
    for (short[] phrase : SpeechCorpus.callee()) {
      assertThat(detect(SignalMixer.toMuLaw(phrase), 0)).isEmpty();
    }
    for (short[] phrase : SpeechCorpus.agent()) {
      // Louder speech too: the checks are relative, so level must not matter.
      assertThat(detect(SignalMixer.toMuLaw(SignalMixer.scale(phrase, 10)), 0)).isEmpty();
    }
  }

  @Test
  void generatorLevelIsMinusTenDbm0PerTone() {
    DtmfToneGenerator gen = new DtmfToneGenerator(1000, 50, -10);
    gen.enqueue('5');
    byte[] frame = new byte[FRAME];
    gen.writeFrame(frame, 0, FRAME);
    gen.writeFrame(frame, 0, FRAME);
    double meanSquare = MuLaw.energy(frame, 0, FRAME) / (double) FRAME;
    // Two tones at -10 dBm0: each mean square (A^2 / 2) with A = 22655 * 10^(-10/20).
    double a = 32635 * Math.pow(10, -3.17 / 20) * Math.pow(10, -0.5);
    assertThat(MuLaw.dbov(meanSquare))
        .isCloseTo(MuLaw.dbov(a * a), org.assertj.core.data.Offset.offset(0.3));
  }

  @Test
  void rejectsNonDigitsAndCancels() {
    DtmfToneGenerator gen = new DtmfToneGenerator();
    assertThatThrownBy(() -> gen.enqueue("12x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(gen.pendingDigits()).isZero();
    gen.enqueue("123");
    gen.cancel();
    assertThat(gen.isActive()).isFalse();
    byte[] frame = new byte[FRAME];
    gen.writeFrame(frame, 0, FRAME);
    assertThat(MuLaw.energy(frame, 0, FRAME)).isZero();
  }
}
