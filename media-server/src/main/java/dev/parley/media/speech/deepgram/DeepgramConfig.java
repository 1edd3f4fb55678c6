package dev.parley.media.speech.deepgram;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Deepgram settings, from the environment through {@code SpeechProviders}.
 *
 * @param apiKey the API key, sent as {@code Authorization: Token <key>}
 * @param baseUrl {@code wss://api.deepgram.com} unless pointed elsewhere (a proxy, a test server)
 * @param sttModel live transcription model, e.g. {@code nova-3}
 * @param ttsModel default Aura voice model, e.g. {@code aura-2-thalia-en}
 * @param endpointingMs silence after which Deepgram marks a result {@code speech_final}
 * @param utteranceEndMs gap after the last word before an {@code UtteranceEnd} (Deepgram: >= 1000)
 * @param keepAlive a {@code KeepAlive} goes out when no audio was sent for this long; Deepgram
 *     closes a stream with NET-0001 after 10 s without data, and asks for one every 3-5 s
 * @param closeTimeout how long a closing stream waits for Deepgram's last results and close
 * @param maxPendingAudioBytes audio held while the socket connects (10 s of μ-law by default);
 *     older audio beyond it is dropped and counted
 */
public record DeepgramConfig(
    String apiKey,
    URI baseUrl,
    String sttModel,
    String ttsModel,
    int endpointingMs,
    int utteranceEndMs,
    Duration keepAlive,
    Duration closeTimeout,
    int maxPendingAudioBytes) {

  public static final URI DEFAULT_BASE_URL = URI.create("wss://api.deepgram.com");

  public DeepgramConfig {
    Objects.requireNonNull(apiKey, "apiKey");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("Deepgram API key is empty");
    }
    String scheme = baseUrl.getScheme();
    if (!"wss".equals(scheme) && !"ws".equals(scheme)) {
      throw new IllegalArgumentException(
          "Deepgram base URL must be ws:// or wss://, got " + baseUrl);
    }
    if (endpointingMs < 10 || utteranceEndMs < 1000) {
      throw new IllegalArgumentException("endpointing must be >= 10 ms, utterance_end_ms >= 1000");
    }
    if (keepAlive.isNegative() || keepAlive.isZero() || keepAlive.toMillis() > 8000) {
      throw new IllegalArgumentException("keep-alive interval must be in (0, 8 s]");
    }
  }

  /** Defaults for {@code apiKey} against Deepgram's public endpoint. */
  public static DeepgramConfig of(String apiKey) {
    return new DeepgramConfig(
        apiKey,
        DEFAULT_BASE_URL,
        "nova-3",
        "aura-2-thalia-en",
        300,
        1000,
        Duration.ofSeconds(4),
        Duration.ofSeconds(5),
        8000 * 10);
  }

  public DeepgramConfig withBaseUrl(URI url) {
    return new DeepgramConfig(
        apiKey,
        url,
        sttModel,
        ttsModel,
        endpointingMs,
        utteranceEndMs,
        keepAlive,
        closeTimeout,
        maxPendingAudioBytes);
  }

  public DeepgramConfig withModels(String stt, String tts) {
    return new DeepgramConfig(
        apiKey,
        baseUrl,
        stt,
        tts,
        endpointingMs,
        utteranceEndMs,
        keepAlive,
        closeTimeout,
        maxPendingAudioBytes);
  }

  public DeepgramConfig withTimings(
      int endpointingMs, int utteranceEndMs, Duration keepAlive, Duration closeTimeout) {
    return new DeepgramConfig(
        apiKey,
        baseUrl,
        sttModel,
        ttsModel,
        endpointingMs,
        utteranceEndMs,
        keepAlive,
        closeTimeout,
        maxPendingAudioBytes);
  }
}
