package dev.parley.audio.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OfflineSpeechSynthesizerTest {

  private static OfflineSpeechSynthesizer tts;

  @BeforeAll
  static void load() {
    tts = new OfflineSpeechSynthesizer(2);
  }

  @AfterAll
  static void close() {
    tts.close();
  }

  @Test
  void helloHasAPlausibleDurationAndLevel() {
    byte[] audio = tts.synthesize("Hello, this is Parley");
    assertThat(audio.length % MuLaw.FRAME_SAMPLES).isZero();
    double seconds = audio.length / (double) MuLaw.SAMPLE_RATE;
    assertThat(seconds).isBetween(0.5, 4.0);
    // Active level over frames within 30 dB of the loudest: a talker, not noise or clipping.
    double peakFrame = 0;
    for (int f = 0; f + 160 <= audio.length; f += 160) {
      peakFrame = Math.max(peakFrame, MuLaw.energy(audio, f, 160) / 160.0);
    }
    double sum = 0;
    int active = 0;
    for (int f = 0; f + 160 <= audio.length; f += 160) {
      double ms = MuLaw.energy(audio, f, 160) / 160.0;
      if (ms > peakFrame / 1000) {
        sum += ms;
        active++;
      }
    }
    System.out.printf(
        "hello: %.2f s, active level %.1f dBov, peak frame %.1f dBov%n",
        seconds, MuLaw.dbov(sum / active), MuLaw.dbov(peakFrame));
  }
}
