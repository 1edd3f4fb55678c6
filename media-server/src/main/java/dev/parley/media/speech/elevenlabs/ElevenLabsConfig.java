package dev.parley.media.speech.elevenlabs;

import java.net.URI;

/**
 * ElevenLabs settings, from the environment through {@code SpeechProviders}.
 *
 * @param apiKey the API key, sent as {@code xi_api_key} in the stream's first message
 * @param baseUrl {@code wss://api.elevenlabs.io} unless pointed elsewhere
 * @param voiceId the default voice
 * @param modelId the model, e.g. {@code eleven_flash_v2_5} (the low-latency one)
 * @param stability voice setting, 0..1
 * @param similarityBoost voice setting, 0..1
 */
public record ElevenLabsConfig(
    String apiKey,
    URI baseUrl,
    String voiceId,
    String modelId,
    double stability,
    double similarityBoost) {

  public static final URI DEFAULT_BASE_URL = URI.create("wss://api.elevenlabs.io");

  public ElevenLabsConfig {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("ElevenLabs API key is empty");
    }
    if (voiceId == null || voiceId.isBlank()) {
      throw new IllegalArgumentException("ElevenLabs voice id is empty (ELEVENLABS_VOICE_ID)");
    }
    String scheme = baseUrl.getScheme();
    if (!"wss".equals(scheme) && !"ws".equals(scheme)) {
      throw new IllegalArgumentException(
          "ElevenLabs base URL must be ws:// or wss://, got " + baseUrl);
    }
    if (stability < 0 || stability > 1 || similarityBoost < 0 || similarityBoost > 1) {
      throw new IllegalArgumentException("voice settings must be within 0..1");
    }
  }

  /** Defaults for {@code apiKey} and {@code voiceId} against ElevenLabs' public endpoint. */
  public static ElevenLabsConfig of(String apiKey, String voiceId) {
    return new ElevenLabsConfig(apiKey, DEFAULT_BASE_URL, voiceId, "eleven_flash_v2_5", 0.5, 0.8);
  }

  public ElevenLabsConfig withBaseUrl(URI url) {
    return new ElevenLabsConfig(apiKey, url, voiceId, modelId, stability, similarityBoost);
  }

  public ElevenLabsConfig withModel(String model) {
    return new ElevenLabsConfig(apiKey, baseUrl, voiceId, model, stability, similarityBoost);
  }
}
