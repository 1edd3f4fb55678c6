package dev.parley.media.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.testing.MediaTestRig;
import dev.parley.media.testing.TwilioStreamClient;
import dev.parley.protocol.CallDirection;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ErrorMessage;
import dev.parley.protocol.Heartbeat;
import dev.parley.protocol.Hello;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.Speak;
import dev.parley.protocol.SpeechMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The control link against a fake control plane over TCP, and the metrics endpoint. */
class ControlLinkTest {

  @Test
  void saysHelloHeartbeatsAndEndsCallsWhenTheLinkDropsThenReconnects() throws Exception {
    try (MediaTestRig rig = MediaTestRig.start()) {
      Hello hello = rig.control.await(Hello.class, Duration.ofSeconds(2));
      assertThat(hello.capacity()).isEqualTo(100);
      assertThat(hello.mediaUrl()).isEqualTo("ws://127.0.0.1:" + rig.server.port());
      assertThat(hello.minVersion()).isEqualTo(ProtocolVersion.MIN);
      rig.control.await(Heartbeat.class, Duration.ofSeconds(3));

      UUID call = rig.newCall("");
      try (TwilioStreamClient twilio = rig.stream(call)) {
        twilio.start(MediaTestRig.token(call));
        twilio.startMedia(new byte[0], Double.NaN, 0);
        assertThat(TwilioStreamClient.await(() -> rig.server.calls().activeCount() == 1, 2000))
            .isTrue();
        rig.control.disconnectNode();
        // Nothing could report this call any more: it ends, and Twilio's socket is closed cleanly.
        assertThat(twilio.closeStatus().get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(TwilioStreamClient.await(() -> rig.server.calls().activeCount() == 0, 2000))
            .isTrue();
        assertThat(rig.server.metrics().endedCount("cancelled")).isEqualTo(1);
      }
      assertThat(
              TwilioStreamClient.await(
                  () -> rig.control.connections() == 2 && rig.server.controlConnected(), 5000))
          .as("reconnected")
          .isTrue();
      assertThat(rig.control.messages(Hello.class)).hasSize(2);
    }
  }

  @Test
  void aSilentControlPlaneIsDroppedAfterThreeHeartbeatIntervalsAndTheLinkReconnects()
      throws Exception {
    try (MediaTestRig rig = MediaTestRig.start()) {
      rig.control.heartbeats(false);
      ErrorMessage timeout =
          rig.control.await(
              ErrorMessage.class,
              e -> e.code() == ErrorCode.HEARTBEAT_TIMEOUT,
              Duration.ofSeconds(5));
      assertThat(timeout.callId()).isEqualTo(ProtocolMessage.NO_CALL);
      rig.control.heartbeats(true);
      assertThat(
              TwilioStreamClient.await(
                  () -> rig.control.connections() == 2 && rig.server.controlConnected(), 5000))
          .isTrue();
    }
  }

  @Test
  void sessionStartIsAnsweredOnceAndSessionEndFromTheControlPlaneEndsTheCall() throws Exception {
    try (MediaTestRig rig = MediaTestRig.start()) {
      UUID call = rig.newCall("");
      SessionStart again =
          new SessionStart(
              call,
              CallDirection.OUTBOUND,
              "t",
              "+15551230000",
              "+15559870000",
              "en-US",
              "v",
              "s",
              "t",
              SpeechMode.PIPELINE,
              MediaTestRig.token(call),
              "",
              "",
              MediaTestRig.TUNING);
      rig.control.send(again);
      rig.control.await(
          ErrorMessage.class,
          e -> e.callId().equals(call) && e.code() == ErrorCode.DUPLICATE_CALL,
          Duration.ofSeconds(2));
      try (TwilioStreamClient twilio = rig.stream(call)) {
        twilio.start(MediaTestRig.token(call));
        twilio.startMedia(new byte[0], Double.NaN, 0);
        assertThat(TwilioStreamClient.await(() -> rig.server.calls().activeCount() == 1, 2000))
            .isTrue();
        rig.control.send(new SessionEnd(call, SessionEndReason.CANCELLED, "user cancelled"));
        SessionEnd end =
            rig.control.await(
                SessionEnd.class, e -> e.callId().equals(call), Duration.ofSeconds(3));
        assertThat(end.reason()).isEqualTo(SessionEndReason.CANCELLED);
        assertThat(rig.control.messages(CallStats.class)).anyMatch(s -> s.callId().equals(call));
        assertThat(twilio.closeStatus().get(3, TimeUnit.SECONDS)).isEqualTo(1000);
      }
      rig.control.send(new Speak(UUID.randomUUID(), 1, 0, true, true, "hi"));
      rig.control.await(
          ErrorMessage.class, e -> e.code() == ErrorCode.UNKNOWN_CALL, Duration.ofSeconds(2));
    }
  }

  @Test
  void servesPrometheusMetricsAndHealth() throws Exception {
    try (MediaTestRig rig = MediaTestRig.start()) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + rig.server.metricsPort();
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("content-type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
      assertThat(metrics.body())
          .contains("# TYPE parley_media_active_calls gauge\nparley_media_active_calls 0\n")
          .contains("parley_media_control_connected 1\n")
          .contains("parley_media_malformed_frames_total{kind=\"bad_payload\"} 0\n");
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    }
  }
}
