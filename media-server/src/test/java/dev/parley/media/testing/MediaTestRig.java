package dev.parley.media.testing;

import dev.parley.audio.vad.VadConfig;
import dev.parley.media.server.MediaServer;
import dev.parley.media.server.MediaServerConfig;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.speech.TextToSpeech;
import dev.parley.media.speech.VadSegmentSpeechToText;
import dev.parley.media.twilio.StreamToken;
import dev.parley.protocol.CallDirection;
import dev.parley.protocol.SessionReady;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.SpeechMode;
import dev.parley.protocol.VadTuning;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** A media node wired to a fake control plane over real sockets, plus helpers to place calls. */
public final class MediaTestRig implements AutoCloseable {

  public static final String SECRET = "test-stream-secret";

  /** Echo tuning for a bad line: echo may come back only 6 dB down, up to 400 ms late. */
  public static final VadTuning TUNING = new VadTuning(3, 25, 9.0f, 6.0f, 400, true);

  public final FakeControlPlane control;
  public final MediaServer server;

  private MediaTestRig(FakeControlPlane control, MediaServer server) {
    this.control = control;
    this.server = server;
  }

  public static MediaTestRig start() throws Exception {
    return start(c -> c, null, TestSpeech.tts());
  }

  public static MediaTestRig start(UnaryOperator<MediaServerConfig> tweak) throws Exception {
    return start(tweak, null, TestSpeech.tts());
  }

  public static MediaTestRig start(
      UnaryOperator<MediaServerConfig> tweak, SpeechToText stt, TextToSpeech tts) throws Exception {
    FakeControlPlane control = new FakeControlPlane();
    MediaServerConfig config =
        tweak.apply(
            MediaServerConfig.defaults()
                .withEphemeralPorts("127.0.0.1")
                .withControl("127.0.0.1", control.port())
                .withSecrets(SECRET, ""));
    MediaServer server =
        MediaServer.start(
            config, stt != null ? stt : new VadSegmentSpeechToText(VadConfig.defaults()), tts);
    if (!TwilioStreamClient.await(server::controlConnected, 5000)) {
      server.close();
      control.close();
      throw new AssertionError("control link did not come up");
    }
    return new MediaTestRig(control, server);
  }

  /** A valid token for {@code callId}. */
  public static String token(UUID callId) {
    return StreamToken.sign(
        SECRET.getBytes(StandardCharsets.UTF_8), callId.toString(), Instant.now().plusSeconds(600));
  }

  /** Sends SESSION_START with {@code greeting} and waits for SESSION_READY. */
  public UUID newCall(String greeting) throws InterruptedException {
    return newCall(greeting, TUNING);
  }

  public UUID newCall(String greeting, VadTuning tuning) throws InterruptedException {
    UUID id = UUID.randomUUID();
    sendSessionStart(id, greeting, tuning);
    control.await(SessionReady.class, r -> r.callId().equals(id), Duration.ofSeconds(20));
    return id;
  }

  /** Sends SESSION_START for {@code id} with no greeting, without waiting for the answer. */
  public void sendSessionStart(UUID id) {
    sendSessionStart(id, "", TUNING);
  }

  private void sendSessionStart(UUID id, String greeting, VadTuning tuning) {
    control.send(
        new SessionStart(
            id,
            CallDirection.OUTBOUND,
            "tenant-1",
            "+15551230000",
            "+15559870000",
            "en-US",
            "kevin16",
            "offline",
            "offline",
            SpeechMode.PIPELINE,
            token(id),
            greeting,
            "",
            tuning));
  }

  /** Opens Twilio's WebSocket for {@code callId}. */
  public TwilioStreamClient stream(UUID callId) throws Exception {
    return TwilioStreamClient.connect("127.0.0.1", server.port(), "/streams/" + callId, null);
  }

  @Override
  public void close() {
    server.close();
    control.close();
  }
}
