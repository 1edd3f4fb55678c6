package dev.parley.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.testing.MediaTestRig;
import dev.parley.media.testing.TwilioStreamClient;
import dev.parley.media.twilio.TwilioFrameException.Kind;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may stream, and what malformed input does, through real sockets. */
class StreamAuthAndMalformedFramesTest {

  /** How long a test waits for what must happen: a bound on a hung test, not a timing claim. */
  private static final Duration LIVENESS = Duration.ofSeconds(30);

  private static final String AUTH_TOKEN = "twilio-auth-token";
  private static final String PUBLIC_URL = "wss://media.example.com";
  private static MediaTestRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig =
        MediaTestRig.start(
            c -> c.withSecrets(MediaTestRig.SECRET, AUTH_TOKEN).withPublicUrl(PUBLIC_URL));
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private void assertRefused(UUID call, String token) throws Exception {
    long failures = rig.server.metrics().authFailures.sum();
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(token);
      assertThat(twilio.closeStatus().get(5, TimeUnit.SECONDS)).isEqualTo(1008);
      twilio.sendText("{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\"}}");
    }
    Thread.sleep(100);
    assertThat(rig.server.metrics().authFailures.sum()).isEqualTo(failures + 1);
    assertThat(rig.server.calls().activeCount()).isZero();
    assertThat(rig.control.messages()).noneMatch(m -> m.callId().equals(call));
  }

  @Test
  void aStreamWithoutAValidTokenIsClosedWithPolicyViolationAndNothingElseHappens()
      throws Exception {
    UUID call = UUID.randomUUID();
    byte[] secret = MediaTestRig.SECRET.getBytes(StandardCharsets.UTF_8);
    assertRefused(call, null);
    assertRefused(call, "garbage");
    assertRefused(
        call,
        StreamToken.sign(
            "other-secret".getBytes(StandardCharsets.UTF_8),
            call.toString(),
            Instant.now().plusSeconds(60)));
    assertRefused(
        call,
        StreamToken.sign(secret, UUID.randomUUID().toString(), Instant.now().plusSeconds(60)));
    assertRefused(call, StreamToken.sign(secret, call.toString(), Instant.now().minusSeconds(1)));
  }

  @Test
  void aBadTwilioSignatureIsRefusedAtTheUpgradeAndAGoodOneAccepted() throws Exception {
    UUID call = UUID.randomUUID();
    String path = "/streams/" + call;
    DefaultHttpHeaders bad = new DefaultHttpHeaders();
    bad.set(
        "X-Twilio-Signature", TwilioSignature.compute("wrong-token", PUBLIC_URL + path, Map.of()));
    try (TwilioStreamClient twilio =
        TwilioStreamClient.connect("127.0.0.1", rig.server.port(), path, bad)) {
      assertThat(twilio.httpStatus().get(5, TimeUnit.SECONDS)).isEqualTo(403);
    }
    DefaultHttpHeaders good = new DefaultHttpHeaders();
    good.set(
        "X-Twilio-Signature", TwilioSignature.compute(AUTH_TOKEN, PUBLIC_URL + path, Map.of()));
    UUID real = rig.newCall("");
    String realPath = "/streams/" + real;
    good.set(
        "X-Twilio-Signature", TwilioSignature.compute(AUTH_TOKEN, PUBLIC_URL + realPath, Map.of()));
    try (TwilioStreamClient twilio =
        TwilioStreamClient.connect("127.0.0.1", rig.server.port(), realPath, good)) {
      assertThat(twilio.httpStatus()).isNotDone();
      twilio.start(MediaTestRig.token(real));
      twilio.startMedia(new byte[0], Double.NaN, 0);
      assertThat(
              TwilioStreamClient.await(
                  () -> rig.server.calls().activeCount() == 1, LIVENESS.toMillis()))
          .isTrue();
      twilio.stop();
    }
    assertThat(rig.server.metrics().signatureFailures.sum()).isEqualTo(1);
  }

  @Test
  void recoverableMalformedFramesAreCountedAndTheCallGoesOn() throws Exception {
    UUID call = rig.newCall("");
    try (TwilioStreamClient twilio = rig.stream(call)) {
      long beforeStart = rig.server.metrics().malformedCount(Kind.MEDIA_BEFORE_START);
      twilio.sendText(
          "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"/w==\"}}");
      TwilioStreamClient.await(
          () -> rig.server.metrics().malformedCount(Kind.MEDIA_BEFORE_START) > beforeStart,
          LIVENESS.toMillis());
      assertThat(rig.server.metrics().malformedCount(Kind.MEDIA_BEFORE_START))
          .isEqualTo(beforeStart + 1);

      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(new byte[0], Double.NaN, 0);
      long badJson = rig.server.metrics().malformedCount(Kind.BAD_JSON);
      long badPayload = rig.server.metrics().malformedCount(Kind.BAD_PAYLOAD);
      long unknown = rig.server.metrics().malformedCount(Kind.UNKNOWN_EVENT);
      twilio.sendText("{not json");
      twilio.sendText("{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"x\"}}");
      twilio.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
      twilio.sendText(
          "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"!!!!\"}}");
      twilio.sendText(
          "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"AAAAA\"}}");
      twilio.sendText(
          "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\""
              + "A".repeat(4000)
              + "\"}}");
      twilio.sendText("{\"event\":\"transcription\",\"streamSid\":\"x\"}");
      assertThat(
              TwilioStreamClient.await(
                  () ->
                      rig.server.metrics().malformedCount(Kind.UNKNOWN_EVENT) == unknown + 1
                          && rig.server.metrics().malformedCount(Kind.BAD_PAYLOAD) == badPayload + 3
                          && rig.server.metrics().malformedCount(Kind.BAD_JSON) == badJson + 3,
                  LIVENESS.toMillis()))
          .isTrue();
      // Still streaming: media keeps flowing and the call is alive.
      Thread.sleep(200);
      assertThat(rig.server.calls().activeCount()).isEqualTo(1);
      assertThat(twilio.closeStatus()).isNotDone();
      twilio.stop();
      SessionEnd end =
          rig.control.await(SessionEnd.class, e -> e.callId().equals(call), Duration.ofSeconds(5));
      assertThat(end.reason()).isEqualTo(SessionEndReason.REMOTE_HANGUP);
    }
  }

  @Test
  void anOversizedFrameClosesTheStreamWithMessageTooBig() throws Exception {
    UUID call = rig.newCall("");
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(new byte[0], Double.NaN, 0);
      TwilioStreamClient.await(() -> rig.server.calls().activeCount() == 1, LIVENESS.toMillis());
      long oversized = rig.server.metrics().malformedCount(Kind.OVERSIZED);
      twilio.sendText(
          "{\"event\":\"media\",\"media\":{\"payload\":\"" + "A".repeat(40_000) + "\"}}");
      assertThat(twilio.closeStatus().get(5, TimeUnit.SECONDS)).isEqualTo(1009);
      SessionEnd end =
          rig.control.await(SessionEnd.class, e -> e.callId().equals(call), Duration.ofSeconds(5));
      assertThat(end.reason()).isEqualTo(SessionEndReason.MEDIA_ERROR);
      assertThat(rig.server.metrics().malformedCount(Kind.OVERSIZED)).isEqualTo(oversized + 1);
    }
  }

  @Test
  void aStartWithTheWrongMediaFormatIsClosedAsUnsupportedData() throws Exception {
    UUID call = rig.newCall("");
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call), "audio/l16", 16000);
      assertThat(twilio.closeStatus().get(5, TimeUnit.SECONDS)).isEqualTo(1003);
    }
    assertThat(rig.server.metrics().malformedCount(Kind.BAD_MEDIA_FORMAT)).isEqualTo(1);
    assertThat(rig.server.calls().activeCount()).isZero();
  }
}
