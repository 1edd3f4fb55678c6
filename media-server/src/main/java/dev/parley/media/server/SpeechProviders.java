package dev.parley.media.server;

import dev.parley.audio.tts.OfflineSpeechSynthesizer;
import dev.parley.audio.vad.VadConfig;
import dev.parley.media.speech.RoutingSpeechToText;
import dev.parley.media.speech.RoutingTextToSpeech;
import dev.parley.media.speech.SpeechMetrics;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.speech.SynthesizerTextToSpeech;
import dev.parley.media.speech.TextToSpeech;
import dev.parley.media.speech.VadSegmentSpeechToText;
import dev.parley.media.speech.deepgram.DeepgramConfig;
import dev.parley.media.speech.deepgram.DeepgramSpeechToText;
import dev.parley.media.speech.deepgram.DeepgramTextToSpeech;
import dev.parley.media.speech.elevenlabs.ElevenLabsConfig;
import dev.parley.media.speech.elevenlabs.ElevenLabsTextToSpeech;
import dev.parley.media.speech.socket.ProviderConnector;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The speech providers a node runs with, and the counters they share.
 *
 * @param speechToText the recogniser (a router by provider name when built from the environment)
 * @param textToSpeech the synthesiser (likewise); closing it closes every provider
 * @param metrics per-provider counters, including each utterance's time to first audio
 */
public record SpeechProviders(
    SpeechToText speechToText, TextToSpeech textToSpeech, SpeechMetrics metrics) {

  /** The name of the offline providers (FreeTTS and the VAD segmenter). */
  public static final String OFFLINE = "offline";

  /**
   * The offline defaults: FreeTTS through the audio module for speech, and a recogniser that
   * reports utterance boundaries with no words ({@link VadSegmentSpeechToText}).
   */
  public static SpeechProviders offline() {
    OfflineSpeechSynthesizer synth = new OfflineSpeechSynthesizer(2);
    return new SpeechProviders(
        new VadSegmentSpeechToText(VadConfig.defaults()),
        new SynthesizerTextToSpeech(synth, 2, synth),
        new SpeechMetrics());
  }

  /**
   * Every provider the environment configures, routed per call by SESSION_START's provider names,
   * with {@code PARLEY_STT_PROVIDER} / {@code PARLEY_TTS_PROVIDER} (default {@code offline}) for
   * calls that name none. The offline providers are always served. A default provider without its
   * key is a startup error ({@link IllegalArgumentException}); a call naming one is refused.
   *
   * <p>Read: {@code DEEPGRAM_API_KEY}, {@code DEEPGRAM_BASE_URL}, {@code DEEPGRAM_STT_MODEL},
   * {@code DEEPGRAM_TTS_MODEL}, {@code DEEPGRAM_ENDPOINTING_MS}, {@code DEEPGRAM_UTTERANCE_END_MS};
   * {@code ELEVENLABS_API_KEY}, {@code ELEVENLABS_VOICE_ID} (required with the key), {@code
   * ELEVENLABS_BASE_URL}, {@code ELEVENLABS_MODEL_ID}.
   */
  public static SpeechProviders fromEnvironment(Map<String, String> env) {
    String sttDefault = name(env, "PARLEY_STT_PROVIDER");
    String ttsDefault = name(env, "PARLEY_TTS_PROVIDER");
    SpeechMetrics metrics = new SpeechMetrics();
    Map<String, SpeechToText> stt = new HashMap<>();
    Map<String, TextToSpeech> tts = new HashMap<>();
    Map<String, String> sttMissing = new HashMap<>();
    Map<String, String> ttsMissing = new HashMap<>();
    List<AutoCloseable> owned = new ArrayList<>();

    DeepgramConfig deepgram = deepgram(env);
    if (deepgram == null) {
      sttMissing.put(DeepgramSpeechToText.NAME, "DEEPGRAM_API_KEY is not set on this node");
      ttsMissing.put(DeepgramSpeechToText.NAME, "DEEPGRAM_API_KEY is not set on this node");
    }
    ElevenLabsConfig elevenLabs = elevenLabs(env);
    if (elevenLabs == null) {
      ttsMissing.put(ElevenLabsTextToSpeech.NAME, "ELEVENLABS_API_KEY is not set on this node");
    }
    requireConfigured("PARLEY_STT_PROVIDER", sttDefault, sttMissing);
    requireConfigured("PARLEY_TTS_PROVIDER", ttsDefault, ttsMissing);

    ProviderConnector connector =
        deepgram != null || elevenLabs != null ? ProviderConnector.defaults() : null;
    if (deepgram != null) {
      stt.put(DeepgramSpeechToText.NAME, new DeepgramSpeechToText(deepgram, connector, metrics));
      tts.put(DeepgramSpeechToText.NAME, new DeepgramTextToSpeech(deepgram, connector, metrics));
    }
    if (elevenLabs != null) {
      tts.put(
          ElevenLabsTextToSpeech.NAME, new ElevenLabsTextToSpeech(elevenLabs, connector, metrics));
    }
    stt.put(OFFLINE, new VadSegmentSpeechToText(VadConfig.defaults()));
    OfflineSpeechSynthesizer synth = new OfflineSpeechSynthesizer(2);
    tts.put(OFFLINE, new SynthesizerTextToSpeech(synth, 2, synth));
    if (connector != null) {
      owned.add(connector);
    }
    return new SpeechProviders(
        new RoutingSpeechToText(sttDefault, stt, sttMissing),
        new RoutingTextToSpeech(ttsDefault, tts, ttsMissing, owned),
        metrics);
  }

  private static String name(Map<String, String> env, String var) {
    String v = env.get(var);
    return v == null || v.isBlank() ? OFFLINE : v.trim().toLowerCase(Locale.ROOT);
  }

  private static void requireConfigured(String var, String name, Map<String, String> missing) {
    String why = missing.get(name);
    if (why != null) {
      throw new IllegalArgumentException(var + "=" + name + " but " + why);
    }
  }

  private static DeepgramConfig deepgram(Map<String, String> env) {
    String key = env.get("DEEPGRAM_API_KEY");
    if (key == null || key.isBlank()) {
      return null;
    }
    DeepgramConfig d = DeepgramConfig.of(key.trim());
    d = d.withBaseUrl(URI.create(env.getOrDefault("DEEPGRAM_BASE_URL", d.baseUrl().toString())));
    d =
        d.withModels(
            env.getOrDefault("DEEPGRAM_STT_MODEL", d.sttModel()),
            env.getOrDefault("DEEPGRAM_TTS_MODEL", d.ttsModel()));
    return d.withTimings(
        intEnv(env, "DEEPGRAM_ENDPOINTING_MS", d.endpointingMs()),
        intEnv(env, "DEEPGRAM_UTTERANCE_END_MS", d.utteranceEndMs()),
        d.keepAlive(),
        d.closeTimeout());
  }

  private static ElevenLabsConfig elevenLabs(Map<String, String> env) {
    String key = env.get("ELEVENLABS_API_KEY");
    if (key == null || key.isBlank()) {
      return null;
    }
    ElevenLabsConfig e =
        ElevenLabsConfig.of(key.trim(), env.getOrDefault("ELEVENLABS_VOICE_ID", ""));
    e = e.withBaseUrl(URI.create(env.getOrDefault("ELEVENLABS_BASE_URL", e.baseUrl().toString())));
    return e.withModel(env.getOrDefault("ELEVENLABS_MODEL_ID", e.modelId()));
  }

  private static int intEnv(Map<String, String> env, String var, int def) {
    String v = env.get(var);
    if (v == null || v.isBlank()) {
      return def;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(var + " must be an integer, got '" + v + "'", e);
    }
  }
}
