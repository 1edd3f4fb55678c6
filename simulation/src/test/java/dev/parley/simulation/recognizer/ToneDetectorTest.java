package dev.parley.simulation.recognizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.SignalMixer;
import org.junit.jupiter.api.Test;

class ToneDetectorTest {

  @Test
  void beepsAreTonalOverNoiseAndAtOddFrequencies() {
    for (double hz : new double[] {440, 950, 1000, 1400}) {
      short[] tone = new short[1600];
      for (int i = 0; i < tone.length; i++) {
        tone[i] = (short) (0.3 * 32767 * Math.sin(2 * Math.PI * hz * i / 8000.0 + 0.3));
      }
      NoiseGenerator.pink(1, -50).addTo(tone, 0, tone.length);
      for (int f = 0; f < tone.length; f += 160) {
        assertThat(ToneDetector.isTonal(tone, f, 160)).as(hz + " Hz frame " + f).isTrue();
      }
    }
  }

  @Test
  void speechIsMostlyNotTonal() {
    short[] speech =
        SignalMixer.toPcm(PersonaAudio.speak("We have an opening this Thursday at 10:30."));
    int loud = 0;
    int tonal = 0;
    for (int f = 0; f + 160 <= speech.length; f += 160) {
      long sum = 0;
      for (int i = f; i < f + 160; i++) {
        sum += Math.abs(speech[i]);
      }
      if (sum / 160 > 300) {
        loud++;
        tonal += ToneDetector.isTonal(speech, f, 160) ? 1 : 0;
      }
    }
    assertThat(loud).isGreaterThan(50);
    assertThat(tonal).isLessThan(loud / 5);
  }
}
