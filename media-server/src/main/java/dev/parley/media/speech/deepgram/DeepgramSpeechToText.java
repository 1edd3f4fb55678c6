package dev.parley.media.speech.deepgram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.media.speech.SpeechMetrics;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.speech.socket.ProviderConnector;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Deepgram live transcription ({@code /v1/listen} over a WebSocket): one socket per call, the
 * callee's 8 kHz μ-law sent as it arrives (no transcoding), interim and final results reported as
 * utterances. See {@link DeepgramListenSession} for the stream's life.
 */
public final class DeepgramSpeechToText implements SpeechToText {

  /** The provider name SESSION_START and the configuration use. */
  public static final String NAME = "deepgram";

  private final DeepgramConfig config;
  private final ProviderConnector connector;
  private final SpeechMetrics metrics;
  private final ByteBufAllocator alloc;
  private final ObjectMapper json = new ObjectMapper();

  public DeepgramSpeechToText(
      DeepgramConfig config, ProviderConnector connector, SpeechMetrics metrics) {
    this.config = config;
    this.connector = connector;
    this.metrics = metrics;
    this.alloc = PooledByteBufAllocator.DEFAULT;
  }

  @Override
  public Session open(CallInfo call, Listener listener) {
    return DeepgramListenSession.start(
        config, connector, listenUri(call), json, alloc, metrics, call.callId(), listener);
  }

  /** The stream URL: raw μ-law at 8 kHz mono, interim results, endpointing and utterance end. */
  URI listenUri(CallInfo call) {
    String base = config.baseUrl().toString().replaceAll("/+$", "");
    return URI.create(
        base
            + "/v1/listen?encoding=mulaw&sample_rate=8000&channels=1"
            + "&interim_results=true&punctuate=true"
            + "&endpointing="
            + config.endpointingMs()
            + "&utterance_end_ms="
            + config.utteranceEndMs()
            + "&model="
            + enc(config.sttModel())
            + "&language="
            + enc(call.language()));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
