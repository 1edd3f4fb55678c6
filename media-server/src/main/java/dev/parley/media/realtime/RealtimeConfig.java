package dev.parley.media.realtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How this node reaches the OpenAI Realtime API for speech-to-speech calls, read from the
 * environment: {@code OPENAI_API_KEY}, {@code OPENAI_REALTIME_URL} (base URL, default {@code
 * https://api.openai.com}), {@code OPENAI_REALTIME_MODEL}, {@code OPENAI_REALTIME_VOICE} and {@code
 * OPENAI_REALTIME_TRANSCRIBE_MODEL}. Without a key the node refuses speech-to-speech calls; it
 * never falls back to the pipeline silently.
 *
 * @param apiKey bearer token; empty when speech-to-speech is off on this node
 * @param baseUrl {@code http(s)://} or {@code ws(s)://} base; the socket goes to {@code
 *     <base>/v1/realtime?model=<model>}
 * @param model the Realtime model, a query parameter of the socket URL
 * @param voice the voice the model speaks with (fixed once it has spoken)
 * @param transcriptionModel the model that transcribes the callee's audio for the transcript
 * @param maxEventBytes the largest server event accepted; audio deltas are the big ones
 */
public record RealtimeConfig(
    String apiKey,
    String baseUrl,
    String model,
    String voice,
    String transcriptionModel,
    int maxEventBytes) {

  public static final String DEFAULT_BASE_URL = "https://api.openai.com";
  public static final String DEFAULT_MODEL = "gpt-realtime";
  public static final String DEFAULT_VOICE = "marin";
  public static final String DEFAULT_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";

  /** 1 MiB: a second of μ-law is 10.7 KB of base64, so this is far above any delta seen. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

  public RealtimeConfig {
    apiKey = apiKey == null ? "" : apiKey.trim();
    baseUrl = blankTo(baseUrl, DEFAULT_BASE_URL);
    model = blankTo(model, DEFAULT_MODEL);
    voice = blankTo(voice, DEFAULT_VOICE);
    transcriptionModel = blankTo(transcriptionModel, DEFAULT_TRANSCRIPTION_MODEL);
    if (maxEventBytes < 4096) {
      throw new IllegalArgumentException("maxEventBytes must be at least 4096: " + maxEventBytes);
    }
    endpoint(baseUrl, model);
  }

  /** Speech-to-speech off: no key. */
  public static RealtimeConfig disabled() {
    return new RealtimeConfig("", null, null, null, null, DEFAULT_MAX_EVENT_BYTES);
  }

  /** Reads the variables named above from {@code env}. */
  public static RealtimeConfig fromEnv(Map<String, String> env) {
    return new RealtimeConfig(
        env.get("OPENAI_API_KEY"),
        env.get("OPENAI_REALTIME_URL"),
        env.get("OPENAI_REALTIME_MODEL"),
        env.get("OPENAI_REALTIME_VOICE"),
        env.get("OPENAI_REALTIME_TRANSCRIBE_MODEL"),
        DEFAULT_MAX_EVENT_BYTES);
  }

  /** This process's environment. */
  public static RealtimeConfig fromEnvironment() {
    return fromEnv(System.getenv());
  }

  /** True when a key is configured, so speech-to-speech calls can be served. */
  public boolean enabled() {
    return !apiKey.isEmpty();
  }

  /** The WebSocket URI: the base with {@code http} mapped to {@code ws}, plus path and model. */
  public URI endpoint() {
    return endpoint(baseUrl, model);
  }

  private static URI endpoint(String base, String model) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    if (b.startsWith("https://")) {
      b = "wss://" + b.substring("https://".length());
    } else if (b.startsWith("http://")) {
      b = "ws://" + b.substring("http://".length());
    } else if (!b.startsWith("wss://") && !b.startsWith("ws://")) {
      throw new IllegalArgumentException(
          "OPENAI_REALTIME_URL must start with https://, http://, wss:// or ws://: " + base);
    }
    try {
      return new URI(b + "/v1/realtime?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("OPENAI_REALTIME_URL is not a URL: " + base, e);
    }
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "RealtimeConfig[key="
        + (enabled() ? "set" : "unset")
        + ", endpoint="
        + endpoint()
        + ", voice="
        + voice
        + ", transcriptionModel="
        + transcriptionModel
        + "]";
  }
}
