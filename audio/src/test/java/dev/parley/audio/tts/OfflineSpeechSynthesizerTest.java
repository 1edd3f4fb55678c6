package dev.parley.audio.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.TestAudio;
import dev.parley.audio.vad.VadConfig;
import dev.parley.audio.vad.VadEvent;
import dev.parley.audio.vad.VoiceActivityDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    assertThat(MuLaw.dbov(sum / active)).isBetween(-30.0, -12.0);
  }

  @Test
  void emptyAndOddTextDoNotBreakTheVoice() {
    assertThat(tts.synthesize("").length % MuLaw.FRAME_SAMPLES).isZero();
    assertThat(tts.synthesize("   ...  ").length % MuLaw.FRAME_SAMPLES).isZero();
    assertThat(tts.synthesize("Café at 7:30, ok? #42 — ünïcode").length).isGreaterThan(8000);
    assertThat(tts.synthesize("Hello.").length).isGreaterThan(1600);
  }

  @Test
  void theVadHearsSpeechInIt() {
    byte[] audio = tts.synthesize("Hello, this is Parley");
    // Lead in with 300 ms of a quiet line, as a call would have before the greeting.
    TestAudio timeline =
        TestAudio.builder(300 + audio.length / 8 + 1000)
            .speech(300, audio)
            .noise(NoiseGenerator.pink(1, -60))
            .build();
    byte[] line = timeline.muLaw();
    long trueOnset = timeline.utterances().get(0).onsetSample();
    VoiceActivityDetector vad = new VoiceActivityDetector(VadConfig.defaults());
    int starts = 0;
    int ends = 0;
    long speechFrames = 0;
    for (int off = 0; off + 160 <= line.length; off += 160) {
      VadEvent e = vad.process(line, off, 160);
      starts += e == VadEvent.SPEECH_START ? 1 : 0;
      ends += e == VadEvent.SPEECH_END ? 1 : 0;
      speechFrames += e == VadEvent.SPEECH_CONTINUE || e == VadEvent.SPEECH_START ? 1 : 0;
    }
    assertThat(starts).isEqualTo(1);
    assertThat(ends).isEqualTo(1);
    assertThat(Math.abs(vad.onsetSample() - trueOnset)).isLessThanOrEqualTo(800);
    assertThat(speechFrames * 160).isGreaterThan(audio.length / 2);
  }

  @Test
  void streamsWholeFramesAndStopsWhenTheSinkSaysSo() {
    List<Integer> lengths = new ArrayList<>();
    long frames =
        tts.synthesize(
            "I am calling to confirm your appointment on Tuesday at ten in the morning.",
            (frame, off, len) -> {
              lengths.add(len);
              return lengths.size() < 5;
            });
    assertThat(lengths).hasSize(5).containsOnly(MuLaw.FRAME_SAMPLES);
    assertThat(frames).isEqualTo(5);
    // The voice is usable again afterwards.
    assertThat(tts.synthesize("Okay.").length).isGreaterThan(1600);
  }

  @Test
  void concurrentCallersGetTheirOwnCompleteAudio() throws Exception {
    String[] texts = {"Hello?", "Could you call back tomorrow morning?", "Thanks, goodbye."};
    byte[][] expected = new byte[texts.length][];
    for (int i = 0; i < texts.length; i++) {
      expected[i] = tts.synthesize(texts[i]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int n = 0; n < 30; n++) {
        int i = n % texts.length;
        results.add(pool.submit(() -> Arrays.equals(tts.synthesize(texts[i]), expected[i])));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
