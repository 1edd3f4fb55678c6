package dev.parley.media.speech.deepgram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.media.speech.fake.FakeAudio;
import dev.parley.media.speech.fake.FakeProviderServer;
import dev.parley.media.speech.fake.FakeProviderServer.Conn;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Deepgram's Aura streaming endpoint ({@code /v1/speak}) as documented, in test scope: {@code
 * Metadata} on open, {@code Speak} text buffered, {@code Flush} answered with binary audio chunks
 * then {@code Flushed}, {@code Clear} with {@code Cleared}, {@code Close} with a 1000 close. Modes
 * make it misbehave the ways the real one can.
 */
public final class FakeDeepgramSpeak implements FakeProviderServer.Behaviour {

  public static final String KEY = FakeDeepgramListen.KEY;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 400;

  /** How the fake behaves. */
  public enum Mode {
    NORMAL,
    /** Sends a Warning, then behaves normally. */
    WARN,
    /** Sends the first chunk of audio and then nothing more (a long utterance mid-way). */
    HOLD,
    /** Sends the first chunk of audio, then drops the connection without a close frame. */
    DROP,
    /** Closes with an error code on the first Speak. */
    ERROR_CLOSE
  }

  private final Mode mode;
  private final StringBuilder text = new StringBuilder();
  private int sequence;

  public FakeDeepgramSpeak(Mode mode) {
    this.mode = mode;
  }

  @Override
  public FullHttpResponse refuse(FullHttpRequest upgrade) {
    Map<String, List<String>> q = new QueryStringDecoder(upgrade.uri()).parameters();
    if (!("Token " + KEY).equals(upgrade.headers().get("Authorization"))) {
      return refusal(HttpResponseStatus.UNAUTHORIZED, "Invalid credentials.");
    }
    if (!upgrade.uri().startsWith("/v1/speak?")
        || !List.of("mulaw").equals(q.get("encoding"))
        || !List.of("8000").equals(q.get("sample_rate"))) {
      return refusal(HttpResponseStatus.BAD_REQUEST, "unsupported encoding");
    }
    return null;
  }

  private static FullHttpResponse refusal(HttpResponseStatus status, String msg) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.copiedBuffer("{\"err_msg\":\"" + msg + "\"}", StandardCharsets.UTF_8));
    r.headers().set("dg-error", msg);
    return r;
  }

  @Override
  public void opened(Conn c) {
    String model = c.query().get("model");
    c.sendText(
        "{\"type\":\"Metadata\",\"request_id\":\"req-s1\",\"model_name\":\""
            + model
            + "\",\"model_version\":\"2024-01-18\",\"model_uuid\":\"u-1\"}");
    if (mode == Mode.WARN) {
      c.sendText(
          "{\"type\":\"Warning\",\"description\":\"Text input exceeds recommended length\","
              + "\"code\":\"TEXT_LENGTH_WARNING\"}");
    }
  }

  @Override
  public void text(Conn c, String message) {
    JsonNode n;
    try {
      n = JSON.readTree(message);
    } catch (Exception e) {
      c.close(1008, "DATA-0000");
      return;
    }
    switch (n.path("type").asText()) {
      case "Speak" -> {
        if (mode == Mode.ERROR_CLOSE) {
          c.close(1008, "DATA-0002");
          return;
        }
        if (text.length() > 0) {
          text.append(' ');
        }
        text.append(n.path("text").asText());
      }
      case "Flush" -> {
        byte[] audio = FakeAudio.of(text.toString());
        text.setLength(0);
        boolean partial = mode == Mode.HOLD || mode == Mode.DROP;
        for (int off = 0; off < audio.length; off += CHUNK) {
          c.sendBinary(Arrays.copyOfRange(audio, off, Math.min(audio.length, off + CHUNK)));
          if (partial) {
            break;
          }
        }
        if (mode == Mode.DROP) {
          c.drop();
        } else if (!partial) {
          c.sendText("{\"type\":\"Flushed\",\"sequence_id\":" + sequence++ + "}");
        }
      }
      case "Clear" -> {
        text.setLength(0);
        c.sendText("{\"type\":\"Cleared\",\"sequence_id\":" + sequence + "}");
      }
      case "Close" -> c.close(1000, "");
      default -> c.close(1008, "unknown message");
    }
  }
}
