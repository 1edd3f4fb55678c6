package dev.parley.media.speech.deepgram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deepgram's live transcription endpoint as its documentation describes it, in test scope: checks
 * {@code Authorization: Token <key>} (401 with {@code dg-error} otherwise) and the raw-audio query
 * parameters; counts binary audio; answers {@code Finalize} with the held words as a {@code
 * from_finalize} result and {@code CloseStream} with {@code Metadata} and a 1000 close; closes an
 * idle stream with 1011 {@code NET-0001} like the real service (after 10 s there, less here). Tests
 * send results with {@link #results} and {@link #utteranceEnd}.
 */
public final class FakeDeepgramListen implements FakeProviderServer.Behaviour {

  public static final String KEY = "dg-test-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long idleTimeoutMs;
  private final Map<Conn, Long> lastData = new ConcurrentHashMap<>();
  private volatile String heldWords = "";

  public FakeDeepgramListen(long idleTimeoutMs) {
    this.idleTimeoutMs = idleTimeoutMs;
  }

  /** Words a {@code Finalize} will report (audio Deepgram had not finalised yet). */
  public void holdWords(String words) {
    heldWords = words;
  }

  @Override
  public FullHttpResponse refuse(FullHttpRequest upgrade) {
    if (!("Token " + KEY).equals(upgrade.headers().get("Authorization"))) {
      return error(HttpResponseStatus.UNAUTHORIZED, "INVALID_AUTH", "Invalid credentials.");
    }
    Map<String, List<String>> q = new QueryStringDecoder(upgrade.uri()).parameters();
    if (!List.of("mulaw").equals(q.get("encoding"))
        || !List.of("8000").equals(q.get("sample_rate"))
        || q.get("model") == null) {
      return error(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", "encoding or model missing");
    }
    return null;
  }

  private static FullHttpResponse error(HttpResponseStatus status, String code, String msg) {
    String body = "{\"err_code\":\"" + code + "\",\"err_msg\":\"" + msg + "\"}";
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set("dg-error", msg).set("dg-request-id", "req-refused");
    return r;
  }

  @Override
  public void opened(Conn c) {
    lastData.put(c, System.nanoTime());
    c.every(
        20,
        () -> {
          if ((System.nanoTime() - lastData.get(c)) / 1_000_000 > idleTimeoutMs) {
            lastData.put(c, Long.MAX_VALUE / 2);
            c.close(1011, "NET-0001");
          }
        });
  }

  @Override
  public void binary(Conn c, byte[] data) {
    lastData.put(c, System.nanoTime());
  }

  @Override
  public void text(Conn c, String text) {
    String type;
    try {
      type = JSON.readTree(text).path("type").asText();
    } catch (Exception e) {
      c.close(1008, "DATA-0000");
      return;
    }
    switch (type) {
      case "KeepAlive" -> lastData.put(c, System.nanoTime());
      case "Finalize" -> {
        double sent = c.binaryBytes() / 8000.0;
        if (!heldWords.isEmpty()) {
          c.sendText(results(heldWords, Math.max(0, sent - 0.5), 0.5, true, false, true));
        }
      }
      case "CloseStream" -> {
        ObjectNode md = JSON.createObjectNode();
        md.put("type", "Metadata").put("request_id", "req-1").put("channels", 1);
        md.put("duration", c.binaryBytes() / 8000.0);
        c.sendText(md.toString());
        c.close(1000, "");
      }
      default -> c.close(1008, "unknown message type");
    }
  }

  /** A {@code Results} message as Deepgram sends it. */
  public static String results(
      String transcript,
      double start,
      double duration,
      boolean isFinal,
      boolean speechFinal,
      boolean fromFinalize) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "Results");
    n.putArray("channel_index").add(0).add(1);
    n.put("duration", duration).put("start", start);
    n.put("is_final", isFinal).put("speech_final", speechFinal).put("from_finalize", fromFinalize);
    ObjectNode alt = n.putObject("channel").putArray("alternatives").addObject();
    alt.put("transcript", transcript).put("confidence", 0.9);
    alt.putArray("words");
    n.putObject("metadata").put("request_id", "req-1");
    return n.toString();
  }

  public static String utteranceEnd(double lastWordEnd) {
    return "{\"type\":\"UtteranceEnd\",\"channel\":[0,1],\"last_word_end\":" + lastWordEnd + "}";
  }
}
