package dev.parley.media.speech.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.media.speech.SentenceChunks;
import dev.parley.media.speech.SocketSynthesis;
import dev.parley.media.speech.SpeechMetrics;
import dev.parley.media.speech.SpeechProviderException;
import dev.parley.media.speech.TextToSpeech;
import dev.parley.media.speech.socket.ProviderConnector;
import dev.parley.media.speech.socket.ProviderSocket;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * ElevenLabs streaming synthesis ({@code /v1/text-to-speech/{voice_id}/stream-input} over a
 * WebSocket) with {@code output_format=ulaw_8000}, Twilio's own format. Per utterance: one socket;
 * the first message is {@code {"text":" ","voice_settings":{..},"xi_api_key":..}}; then each
 * sentence's pieces, each ending in a space, with {@code try_trigger_generation} and, on the
 * sentence's last piece, {@code flush} so the sentence is spoken without waiting for more text;
 * then {@code {"text":""}}, which ends the input. Replies carry base64 {@code audio} (with {@code
 * alignment}, unused here) until one says {@code isFinal}. An error reply ({@code
 * {"message":..,"error":..,"code":..}}) or an error close fails the utterance. A cancel (barge-in)
 * closes the socket: this single-stream endpoint has no cancel message, and closing stops
 * generation.
 *
 * <p>The voice: a SESSION_START voice {@code elevenlabs:<voice_id>} is used; any other leaves
 * {@link ElevenLabsConfig#voiceId}.
 */
public final class ElevenLabsTextToSpeech implements TextToSpeech {

  /** The provider name SESSION_START and the configuration use. */
  public static final String NAME = "elevenlabs";

  /** Longest piece sent in one message; ElevenLabs buffers 120-290 characters by default. */
  static final int MAX_PIECE_CHARS = 250;

  private final ElevenLabsConfig config;
  private final ProviderConnector connector;
  private final SpeechMetrics metrics;
  private final ObjectMapper json = new ObjectMapper();

  public ElevenLabsTextToSpeech(
      ElevenLabsConfig config, ProviderConnector connector, SpeechMetrics metrics) {
    this.config = config;
    this.connector = connector;
    this.metrics = metrics;
  }

  @Override
  public Stream synthesize(String text, String voice, Listener listener) {
    Utterance u = new Utterance(SentenceChunks.split(text, MAX_PIECE_CHARS), listener);
    return u.start(
        ProviderSocket.create(connector, streamUri(voiceId(voice)), new DefaultHttpHeaders(), u));
  }

  String voiceId(String voice) {
    return voice != null && voice.startsWith(NAME + ":")
        ? voice.substring(NAME.length() + 1)
        : config.voiceId();
  }

  URI streamUri(String voiceId) {
    String base = config.baseUrl().toString().replaceAll("/+$", "");
    return URI.create(
        base
            + "/v1/text-to-speech/"
            + URLEncoder.encode(voiceId, StandardCharsets.UTF_8)
            + "/stream-input?model_id="
            + URLEncoder.encode(config.modelId(), StandardCharsets.UTF_8)
            + "&output_format=ulaw_8000");
  }

  private final class Utterance extends SocketSynthesis {
    private final List<List<String>> sentences;

    Utterance(List<List<String>> sentences, Listener listener) {
      super(NAME, listener, metrics);
      this.sentences = sentences;
    }

    @Override
    public void onOpen() {
      ObjectNode init = json.createObjectNode().put("text", " ");
      init.putObject("voice_settings")
          .put("stability", config.stability())
          .put("similarity_boost", config.similarityBoost());
      init.put("xi_api_key", config.apiKey());
      socket().sendText(init.toString());
      for (List<String> sentence : sentences) {
        for (int i = 0; i < sentence.size(); i++) {
          ObjectNode m = json.createObjectNode().put("text", sentence.get(i) + " ");
          m.put("try_trigger_generation", true);
          if (i == sentence.size() - 1) {
            m.put("flush", true);
          }
          socket().sendText(m.toString());
        }
      }
      socket().sendText("{\"text\":\"\"}");
    }

    @Override
    public void onText(String text) {
      JsonNode n;
      try {
        n = json.readTree(text);
      } catch (Exception e) {
        fail(
            new SpeechProviderException(
                NAME, SpeechProviderException.Kind.PROTOCOL, "reply is not JSON"));
        return;
      }
      if (n.hasNonNull("error") || n.hasNonNull("message") && !n.has("audio")) {
        String code = n.path("error").asText("");
        boolean auth = code.contains("auth") || code.contains("api_key");
        fail(
            new SpeechProviderException(
                NAME,
                auth
                    ? SpeechProviderException.Kind.UNAUTHORIZED
                    : SpeechProviderException.Kind.PROVIDER_ERROR,
                "error " + code + ": " + n.path("message").asText("")));
        return;
      }
      String audio = n.path("audio").asText("");
      if (!audio.isEmpty()) {
        byte[] mulaw;
        try {
          mulaw = Base64.getDecoder().decode(audio);
        } catch (IllegalArgumentException e) {
          fail(
              new SpeechProviderException(
                  NAME, SpeechProviderException.Kind.PROTOCOL, "audio is not base64"));
          return;
        }
        audio(mulaw);
      }
      if (n.path("isFinal").asBoolean(false)) {
        complete();
      }
    }

    @Override
    protected void stopProvider() {
      socket().close();
    }
  }
}
