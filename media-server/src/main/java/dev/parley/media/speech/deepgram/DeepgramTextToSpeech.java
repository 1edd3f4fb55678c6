package dev.parley.media.speech.deepgram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.media.speech.SentenceChunks;
import dev.parley.media.speech.SocketSynthesis;
import dev.parley.media.speech.SpeechMetrics;
import dev.parley.media.speech.SpeechProviderException;
import dev.parley.media.speech.TextToSpeech;
import dev.parley.media.speech.socket.ProviderConnector;
import dev.parley.media.speech.socket.ProviderSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deepgram Aura streaming synthesis ({@code /v1/speak} over a WebSocket) straight to 8 kHz μ-law.
 * Per utterance: one socket; each sentence goes out as {@code {"type":"Speak","text":..}} pieces
 * (at most {@value #MAX_SPEAK_CHARS} characters each) followed by {@code {"type":"Flush"}}, so
 * Deepgram starts speaking the first sentence at once; binary messages are the audio; the utterance
 * is complete when every flush is answered with {@code Flushed}, and the socket is ended with
 * {@code {"type":"Close"}}. A cancel (barge-in) sends {@code {"type":"Clear"}} and closes.
 *
 * <p>The voice: a SESSION_START voice naming an Aura model ({@code aura-...}, or {@code
 * deepgram:<model>}) is used; any other (an offline voice name) leaves {@link
 * DeepgramConfig#ttsModel}.
 */
public final class DeepgramTextToSpeech implements TextToSpeech {

  private static final Logger log = LoggerFactory.getLogger(DeepgramTextToSpeech.class);

  /** Deepgram's limit on the text of one Speak message. */
  static final int MAX_SPEAK_CHARS = 2000;

  private final DeepgramConfig config;
  private final ProviderConnector connector;
  private final SpeechMetrics metrics;
  private final ObjectMapper json = new ObjectMapper();

  public DeepgramTextToSpeech(
      DeepgramConfig config, ProviderConnector connector, SpeechMetrics metrics) {
    this.config = config;
    this.connector = connector;
    this.metrics = metrics;
  }

  @Override
  public Stream synthesize(String text, String voice, Listener listener) {
    Utterance u = new Utterance(SentenceChunks.split(text, MAX_SPEAK_CHARS), listener);
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    headers.set(HttpHeaderNames.AUTHORIZATION, "Token " + config.apiKey());
    return u.start(ProviderSocket.create(connector, speakUri(model(voice)), headers, u));
  }

  String model(String voice) {
    if (voice != null && voice.startsWith("deepgram:")) {
      return voice.substring("deepgram:".length());
    }
    return voice != null && voice.startsWith("aura-") ? voice : config.ttsModel();
  }

  URI speakUri(String model) {
    String base = config.baseUrl().toString().replaceAll("/+$", "");
    return URI.create(
        base
            + "/v1/speak?encoding=mulaw&sample_rate=8000&model="
            + URLEncoder.encode(model, StandardCharsets.UTF_8));
  }

  private final class Utterance extends SocketSynthesis {
    private final List<List<String>> sentences;
    private int flushesPending;

    Utterance(List<List<String>> sentences, Listener listener) {
      super(DeepgramSpeechToText.NAME, listener, metrics);
      this.sentences = sentences;
    }

    @Override
    public void onOpen() {
      for (List<String> sentence : sentences) {
        for (String piece : sentence) {
          socket()
              .sendText(json.createObjectNode().put("type", "Speak").put("text", piece).toString());
        }
        socket().sendText("{\"type\":\"Flush\"}");
        flushesPending++;
      }
      if (flushesPending == 0) {
        complete();
      }
    }

    @Override
    public void onText(String text) {
      JsonNode n;
      try {
        n = json.readTree(text);
      } catch (Exception e) {
        fail(
            new SpeechProviderException(
                provider(), SpeechProviderException.Kind.PROTOCOL, "message is not JSON"));
        return;
      }
      switch (n.path("type").asText("")) {
        case "Flushed" -> {
          if (--flushesPending <= 0) {
            complete();
          }
        }
        case "Warning" ->
            log.warn(
                "deepgram speak warning {}: {}",
                n.path("code").asText(""),
                n.path("description").asText(""));
        case "Error" ->
            fail(
                new SpeechProviderException(
                    provider(),
                    SpeechProviderException.Kind.PROVIDER_ERROR,
                    "error message: "
                        + n.path("description")
                            .asText(n.path("err_msg").asText("no description"))));
        default -> {} // Metadata, Cleared: nothing to do.
      }
    }

    @Override
    protected void binary(ByteBuf data) {
      audio(ByteBufUtil.getBytes(data));
    }

    @Override
    protected void closeSocket() {
      socket().sendText("{\"type\":\"Close\"}");
      socket().close();
    }

    @Override
    protected void stopProvider() {
      socket().sendText("{\"type\":\"Clear\"}");
      socket().close();
    }
  }
}
