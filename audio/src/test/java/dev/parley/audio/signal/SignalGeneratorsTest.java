package dev.parley.audio.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.parley.audio.codec.MuLaw;
import org.junit.jupiter.api.Test;

class SignalGeneratorsTest {

  private static double levelDbov(short[] x) {
    double sum = 0;
    for (short s : x) {
      sum += (double) s * s;
    }
    return MuLaw.dbov(sum / x.length);
  }

  @Test
  void noiseComesOutAtTheRequestedLevelAndRepeatsForASeed() {
    assertThat(levelDbov(NoiseGenerator.white(1, -30).generate(80_000)))
        .isCloseTo(-30, offset(0.3));
    assertThat(levelDbov(NoiseGenerator.pink(2, -40).generate(80_000))).isCloseTo(-40, offset(0.5));
    assertThat(levelDbov(NoiseGenerator.hum(50, -35).generate(80_000))).isCloseTo(-35, offset(0.2));
    assertThat(NoiseGenerator.pink(3, -30).generate(500))
        .isEqualTo(NoiseGenerator.pink(3, -30).generate(500))
        .isNotEqualTo(NoiseGenerator.pink(4, -30).generate(500));
  }

  @Test
  void pinkNoiseFallsWithFrequency() {
    short[] pink = NoiseGenerator.pink(5, -30).generate(80_000);
    // Energy below 500 Hz vs 2-4 kHz via first differences: pink's high band is far weaker
    // than white's, whose differenced power is twice its power.
    double power = 0;
    double diffPower = 0;
    for (int i = 1; i < pink.length; i++) {
      power += (double) pink[i] * pink[i];
      double d = pink[i] - pink[i - 1];
      diffPower += d * d;
    }
    assertThat(diffPower / power).isLessThan(1.0);
  }

  @Test
  void mixerDelaysAndScales() {
    short[] base = new short[100];
    short[] other = new short[10];
    other[0] = 10000;
    short[] mixed = SignalMixer.mix(base, other, -20, 5); // 5 ms = 40 samples
    assertThat(mixed).hasSize(100);
    assertThat(mixed[40]).isEqualTo((short) 1000);
    assertThat(mixed[39]).isZero();
    byte[] mu = SignalMixer.mixMuLaw(Silence.muLaw(10), SignalMixer.toMuLaw(other), 0, 0);
    assertThat(MuLaw.decode(mu[0])).isCloseTo((short) 10000, offset((short) 300));
  }

  @Test
  void timelineRecordsTrueOnsetsOfPlacedSpeech() {
    short[] speech = new short[800];
    for (int i = 100; i < 700; i++) {
      speech[i] = (short) (8000 * Math.sin(i * 0.3));
    }
    TestAudio audio =
        TestAudio.builder(2_000)
            .speech(1_000, speech, 0)
            .speech(250, speech, -6)
            .noise(NoiseGenerator.white(1, -60))
            .build();
    assertThat(audio.utterances()).hasSize(2);
    assertThat(audio.utterances().get(0).onsetSample()).isEqualTo(2000 + 100);
    assertThat(audio.utterances().get(1).onsetSample()).isEqualTo(8000 + 100);
    assertThat(audio.utterances().get(1).endMillis()).isCloseTo(1000 + 699 / 8.0, offset(0.2));
    assertThat(audio.muLaw()).hasSize(16_000);
    assertThat(Silence.muLaw(20)).hasSize(160).containsOnly(MuLaw.SILENCE);
  }
}
