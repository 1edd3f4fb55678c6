package dev.parley.media.call;

import dev.parley.media.control.ControlChannel;
import dev.parley.media.metrics.ServerMetrics;
import dev.parley.media.realtime.RealtimeConfig;
import dev.parley.media.server.MediaServerConfig;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.speech.TextToSpeech;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What every call on the node shares: configuration, metrics, speech providers, the control link,
 * the wall clock (token expiry only; audio timing uses the monotonic clock) and the OpenAI Realtime
 * settings for speech-to-speech calls.
 */
public record CallServices(
    MediaServerConfig config,
    ServerMetrics metrics,
    SpeechToText speechToText,
    TextToSpeech textToSpeech,
    Supplier<ControlChannel> control,
    Clock clock,
    RealtimeConfig realtime) {

  /** Speech-to-speech settings from the process environment. */
  public CallServices(
      MediaServerConfig config,
      ServerMetrics metrics,
      SpeechToText speechToText,
      TextToSpeech textToSpeech,
      Supplier<ControlChannel> control,
      Clock clock) {
    this(
        config,
        metrics,
        speechToText,
        textToSpeech,
        control,
        clock,
        RealtimeConfig.fromEnvironment());
  }
}
