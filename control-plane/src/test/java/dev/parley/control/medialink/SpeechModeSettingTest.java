package dev.parley.control.medialink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.SpeechMode;
import org.junit.jupiter.api.Test;

/**
 * {@code parley.media.speech-mode}: the two modes by name, the pipeline by default, else an error.
 */
class SpeechModeSettingTest {

  @Test
  void namesEitherModeAndDefaultsToThePipeline() {
    assertThat(MediaNodeRegistry.speechMode("pipeline")).isEqualTo(SpeechMode.PIPELINE);
    assertThat(MediaNodeRegistry.speechMode("")).isEqualTo(SpeechMode.PIPELINE);
    assertThat(MediaNodeRegistry.speechMode(" Speech_To_Speech "))
        .isEqualTo(SpeechMode.SPEECH_TO_SPEECH);
  }

  @Test
  void anyOtherValueStopsStartupNamingTheSetting() {
    assertThatThrownBy(() -> MediaNodeRegistry.speechMode("realtime"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PARLEY_MEDIA_SPEECH_MODE")
        .hasMessageContaining("'realtime'");
  }
}
