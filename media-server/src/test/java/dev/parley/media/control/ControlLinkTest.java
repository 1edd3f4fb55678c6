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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The control link against a fake control plane over TCP, and the metrics endpoint. */
class ControlLinkTest {

  /** How long a test waits for what must happen: a bound on a hung test, not a timing claim. */
  private static final Duration LIVENESS = Duration.ofSeconds(30);

  @Test
  void saysHelloHeartbeatsAndEndsCallsWhenTheLinkDropsThenReconnects() throws Exception {
    try (MediaTestRig rig = MediaTestRig.start()) {
      Hello hello = rig.control.await(Hello.class, LIVENESS);
      assertThat(hello.capacity()).isEqualTo(100);
      assertThat(hello.mediaUrl()).isEqualTo("ws://127.0.0.1:" + rig.server.port());
      assertThat(hello.minVersion()).isEqualTo(ProtocolVersion.MIN);
      rig.control.await(Heartbeat.class, LIVENESS);

      UUID call = rig.newCall("");
      try (TwilioStreamClient twilio = rig.stream(call)) {
        twilio.start(MediaTestRig.token(call));
        twilio.startMedia(new byte[0], Double.NaN, 0);
        assertThat(
                TwilioStreamClient.await(
                    () -> rig.server.calls().activeCount() == 1, LIVENESS.toMillis()))
            .isTrue();
        rig.control.disconnectNode();
        // Nothing could report this call any more: it ends, and Twilio's socket is closed cleanly.
        assertThat(twilio.closeStatus().get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(
                TwilioStreamClient.await(
                    () -> rig.server.calls().activeCount() == 0, LIVENESS.toMillis()))
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
          LIVENESS);
      try (TwilioStreamClient twilio = rig.stream(call)) {
        twilio.start(MediaTestRig.token(call));
        twilio.startMedia(new byte[0], Double.NaN, 0);
        assertThat(
                TwilioStreamClient.await(
                    () -> rig.server.calls().activeCount() == 1, LIVENESS.toMillis()))
            .isTrue();
        rig.control.send(new SessionEnd(call, SessionEndReason.CANCELLED, "user cancelled"));
        SessionEnd end =
            rig.control.await(SessionEnd.class, e -> e.callId().equals(call), LIVENESS);
        assertThat(end.reason()).isEqualTo(SessionEndReason.CANCELLED);
        assertThat(rig.control.messages(CallStats.class)).anyMatch(s -> s.callId().equals(call));
        assertThat(twilio.closeStatus().get(LIVENESS.toSeconds(), TimeUnit.SECONDS))
            .isEqualTo(1000);
      }
      rig.control.send(new Speak(UUID.randomUUID(), 1, 0, true, true, "hi"));
      rig.control.await(ErrorMessage.class, e -> e.code() == ErrorCode.UNKNOWN_CALL, LIVENESS);
    }
  }

  /**
   * A call's SESSION_END is written from its own event loop and commands are answered from the
   * link's: a command that finds the call gone must still be answered after that SESSION_END.
   * SESSION_END (cancel) and a burst of SPEAKs arrive in one read, so the call ends while the link
   * is still reading them; before the fix the first UNKNOWN_CALL overtook the SESSION_END.
   */
  @Test
  void aCommandForACallThatJustEndedIsAnsweredAfterItsSessionEnd() throws Exception {
    try (MediaTestRig rig = MediaTestRig.start()) {
      for (int round = 0; round < 5; round++) {
        UUID call = rig.newCall("");
        try (TwilioStreamClient twilio = rig.stream(call)) {
          twilio.start(MediaTestRig.token(call));
          twilio.startMedia(new byte[0], Double.NaN, 0);
          assertThat(
                  TwilioStreamClient.await(
                      () -> rig.server.calls().activeCount() == 1, LIVENESS.toMillis()))
              .isTrue();
          List<ProtocolMessage> burst = new ArrayList<>();
          burst.add(new SessionEnd(call, SessionEndReason.CANCELLED, "user cancelled"));
          for (int i = 1; i <= 400; i++) {
            burst.add(new Speak(call, i, 0, true, true, "Are you still there?"));
          }
          rig.control.sendAll(burst);
          rig.control.await(
              ErrorMessage.class,
              e -> e.callId().equals(call) && e.code() == ErrorCode.UNKNOWN_CALL,
              LIVENESS);
          rig.control.await(SessionEnd.class, e -> e.callId().equals(call), LIVENESS);
          assertThat(
                  TwilioStreamClient.await(
                      () -> rig.server.calls().activeCount() == 0, LIVENESS.toMillis()))
              .isTrue();
        }
        List<ProtocolMessage> forCall =
            rig.control.messages().stream().filter(m -> call.equals(m.callId())).toList();
        int end = indexOf(forCall, m -> m instanceof SessionEnd);
        int unknown =
            indexOf(
                forCall, m -> m instanceof ErrorMessage e && e.code() == ErrorCode.UNKNOWN_CALL);
        assertThat(end)
            .as("SESSION_END before the first UNKNOWN_CALL, round " + round)
            .isLessThan(unknown);
      }
    }
  }

  private static int indexOf(List<ProtocolMessage> ms, Predicate<ProtocolMessage> p) {
    for (int i = 0; i < ms.size(); i++) {
      if (p.test(ms.get(i))) {
        return i;
      }
    }
    return -1;
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
