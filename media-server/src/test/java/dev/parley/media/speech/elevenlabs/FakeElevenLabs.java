package dev.parley.media.speech.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.media.speech.fake.FakeAudio;
import dev.parley.media.speech.fake.FakeProviderServer;
import dev.parley.media.speech.fake.FakeProviderServer.Conn;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Arrays;
import java.util.Base64;

/**
 * ElevenLabs' {@code /v1/text-to-speech/{voice_id}/stream-input} as documented, in test scope: the
 * first message must carry {@code xi_api_key}; text is buffered until {@code flush} (or the end,
 * {@code "text":""}), then spoken as JSON replies with base64 {@code audio} and an {@code
 * alignment}; the end brings {@code isFinal} and a 1000 close. Errors come as {@code
 * {"message","error","code"}} then a 1008 close, as the service sends them.
 */
public final class FakeElevenLabs implements FakeProviderServer.Behaviour {

  public static final String KEY = "xi-test-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHUNK = 400;

  /** How the fake behaves. */
  public enum Mode {
    NORMAL,
    /** Sends the first chunk of audio and then nothing more. */
    HOLD,
    /** Sends the first chunk of audio, then drops the connection. */
    DROP,
    /** Answers the first text with the input-timeout error. */
    TIMEOUT_ERROR
  }

  private final Mode mode;
  private final StringBuilder text = new StringBuilder();
  private boolean initialised;
  private boolean sentAny;

  public FakeElevenLabs(Mode mode) {
    this.mode = mode;
  }

  @Override
  public FullHttpResponse refuse(FullHttpRequest upgrade) {
    String uri = upgrade.uri();
    if (!uri.matches("/v1/text-to-speech/[^/?]+/stream-input\\?.*")
        || !uri.contains("output_format=ulaw_8000")
        || !uri.contains("model_id=")) {
      return new DefaultFullHttpResponse(
          HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER);
    }
    return null;
  }

  @Override
  public void text(Conn c, String message) {
    JsonNode n;
    try {
      n = JSON.readTree(message);
    } catch (Exception e) {
      c.close(1008, "Invalid message received");
      return;
    }
    if (!initialised) {
      initialised = true;
      if (!" ".equals(n.path("text").asText()) || !KEY.equals(n.path("xi_api_key").asText())) {
        error(c, "invalid_api_key", "Invalid API key");
        return;
      }
      return;
    }
    if (mode == Mode.TIMEOUT_ERROR) {
      error(
          c,
          "input_timeout_exceeded",
          "Have not received a new text input within the timeout of 20 seconds.");
      return;
    }
    String t = n.path("text").asText();
    if (t.isEmpty()) {
      speak(c);
      if (mode == Mode.NORMAL) {
        c.sendText(
            "{\"audio\":null,\"isFinal\":true,\"normalizedAlignment\":null,\"alignment\":null}");
        c.close(1000, "");
      }
      return;
    }
    text.append(t);
    if (n.path("flush").asBoolean(false)) {
      speak(c);
    }
  }

  private void speak(Conn c) {
    byte[] audio = FakeAudio.of(text.toString());
    text.setLength(0);
    for (int off = 0; off < audio.length; off += CHUNK) {
      if (mode != Mode.NORMAL && sentAny) {
        return;
      }
      byte[] chunk = Arrays.copyOfRange(audio, off, Math.min(audio.length, off + CHUNK));
      ObjectNode r = JSON.createObjectNode();
      r.put("audio", Base64.getEncoder().encodeToString(chunk));
      r.putNull("isFinal");
      ObjectNode a = r.putObject("normalizedAlignment");
      a.putArray("chars").add("x");
      a.putArray("charStartTimesMs").add(0);
      a.putArray("charsDurationsMs").add(5);
      r.set("alignment", a.deepCopy());
      c.sendText(r.toString());
      sentAny = true;
      if (mode == Mode.DROP) {
        c.drop();
        return;
      }
    }
  }

  private static void error(Conn c, String code, String message) {
    ObjectNode e =
        JSON.createObjectNode().put("message", message).put("error", code).put("code", 1008);
    c.sendText(e.toString());
    c.close(1008, message);
  }
}
