package dev.parley.media.speech.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentAudioTimelineTest {

  @Test
  void mapsProviderTimeThroughRunsOfSentAudio() {
    SentAudioTimeline t = new SentAudioTimeline();
    // 1 s from stream sample 800 (100 ms in), then a gap, then 1 s from 5 s.
    for (int i = 0; i < 50; i++) {
      t.sent(800 + i * 160L, 160);
    }
    for (int i = 0; i < 50; i++) {
      t.sent(40_000 + i * 160L, 160);
    }
    assertThat(t.sentSamples()).isEqualTo(16_000);
    assertThat(t.streamMs(0)).isEqualTo(100);
    assertThat(t.streamMs(0.5)).isEqualTo(600);
    assertThat(t.streamMs(1.0)).isEqualTo(5000);
    assertThat(t.streamMs(1.25)).isEqualTo(5250);
    t.forgetBefore(1.1);
    assertThat(t.streamMs(1.25)).isEqualTo(5250);
  }

  @Test
  void beforeAnyAudioProviderTimeIsStreamTime() {
    assertThat(new SentAudioTimeline().streamMs(2.0)).isEqualTo(2000);
  }
}
