package dev.parley.media.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpeechMetricsTest {

  @Test
  void rendersCountersAndTheFirstAudioHistogramPerProvider() {
    SpeechMetrics m = new SpeechMetrics();
    m.provider("deepgram").ttsStreams.add(2);
    m.provider("deepgram").firstAudio(TimeUnit.MILLISECONDS.toNanos(150));
    m.provider("deepgram").firstAudio(TimeUnit.MILLISECONDS.toNanos(600));
    StringBuilder sb = new StringBuilder();
    m.render(sb);
    String text = sb.toString();
    assertThat(text)
        .contains("parley_speech_tts_streams_total{provider=\"deepgram\"} 2\n")
        .contains(
            "parley_speech_tts_first_audio_seconds_bucket{provider=\"deepgram\",le=\"0.1\"} 0\n")
        .contains(
            "parley_speech_tts_first_audio_seconds_bucket{provider=\"deepgram\",le=\"0.2\"} 1\n")
        .contains(
            "parley_speech_tts_first_audio_seconds_bucket{provider=\"deepgram\",le=\"0.75\"} 2\n")
        .contains(
            "parley_speech_tts_first_audio_seconds_bucket{provider=\"deepgram\",le=\"+Inf\"} 2\n")
        .contains("parley_speech_tts_first_audio_seconds_count{provider=\"deepgram\"} 2\n")
        .contains("parley_speech_tts_first_audio_seconds_sum{provider=\"deepgram\"} 0.75\n");
    assertThat(m.provider("deepgram").firstAudioMaxNanos())
        .isEqualTo(TimeUnit.MILLISECONDS.toNanos(600));
  }
}
