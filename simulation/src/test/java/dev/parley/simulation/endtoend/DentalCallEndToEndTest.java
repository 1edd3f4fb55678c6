package dev.parley.simulation.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.call.EmulatedCall;
import dev.parley.media.server.MediaServer;
import dev.parley.media.server.MediaServerConfig;
import dev.parley.media.server.SpeechProviders;
import dev.parley.protocol.CallDirection;
import dev.parley.protocol.Hangup;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.Speak;
import dev.parley.protocol.SpeechMode;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.VadTuning;
import dev.parley.simulation.persona.Persona;
import dev.parley.simulation.persona.PersonaCatalog;
import dev.parley.simulation.recognizer.ScriptedRecognizer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A whole simulated call over real sockets: the Twilio emulator with the persona catalogue dials
 * Bright Smile Dental, fetches TwiML from a test endpoint and streams to a real media server whose
 * recogniser is the {@link ScriptedRecognizer}; a fake control plane on the binary protocol starts
 * the session and speaks the agent's turns, and receives the dental office's lines as TRANSCRIPT
 * finals, one per callee turn, in order.
 */
class DentalCallEndToEndTest {

  private static final String SECRET = "simulation-e2e-secret";
  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void theControlPlaneHearsTheDentalOfficesLinesTurnByTurn() throws Exception {
    PersonaCatalog catalog = PersonaCatalog.standard();
    Persona dental = catalog.find(PersonaCatalog.DENTAL).orElseThrow();
    try (FakeControlPlane control = new FakeControlPlane();
        TwimlServer twiml = new TwimlServer();
        TwilioEmulator twilio =
            TwilioEmulator.start(EmulatorConfig.defaults().withOfflineSpeech(true));
        MediaServer media =
            MediaServer.start(
                MediaServerConfig.defaults()
                    .withEphemeralPorts("127.0.0.1")
                    .withControl("127.0.0.1", control.port())
                    .withSecrets(SECRET, ""),
                // As the launcher wires it: the recogniser learns each call's number from the
                // emulator that placed it.
                new ScriptedRecognizer(catalog),
                SpeechProviders.offline().textToSpeech())) {
      catalog.registerAll(twilio.callees());
      awaitTrue(media::controlConnected);

      UUID callId = UUID.randomUUID();
      String token = token(callId.toString(), Instant.now().plusSeconds(300));
      control.send(
          new SessionStart(
              callId,
              CallDirection.OUTBOUND,
              "tenant-sim",
              dental.number(),
              "+15005550006",
              "en-US",
              "kevin16",
              "scripted",
              "offline",
              SpeechMode.PIPELINE,
              token,
              "",
              "",
              VadTuning.DEFAULTS));
      String callSid =
          createCall(
              twilio, dental.number(), twiml.streamTo(media.port(), callId.toString(), token));

      List<String> agentTurns =
          List.of(
              "Hi Maria, I would like to book a teeth cleaning for next week, please.",
              "Thursday at ten thirty works. Please book it.",
              "Thank you very much.");
      // The office answers first; after each agent turn it says its next line.
      assertThat(awaitFinal(control, callId, 1).text()).isEqualTo(dental.line(0));
      for (int turn = 0; turn < agentTurns.size(); turn++) {
        control.send(new Speak(callId, turn + 1, 0, true, true, agentTurns.get(turn)));
        assertThat(awaitFinal(control, callId, turn + 2).text()).isEqualTo(dental.line(turn + 1));
      }
      control.send(new Hangup(callId, "done"));
      EmulatedCall call = twilio.call(callSid).orElseThrow();
      call.ended().get(20, TimeUnit.SECONDS);

      List<Transcript> finals =
          control.received(Transcript.class).stream()
              .filter(t -> t.callId().equals(callId) && t.isFinal())
              .toList();
      // Exactly the four lines: the agent's own speech never came back as the callee's words.
      assertThat(finals).extracting(Transcript::text).containsExactlyElementsOf(dental.lines());
      for (int i = 1; i < finals.size(); i++) {
        assertThat(finals.get(i).startMs()).isGreaterThan(finals.get(i - 1).endMs());
        assertThat(finals.get(i).endMs()).isGreaterThan(finals.get(i).startMs());
      }
      assertThat(
              control.received(Transcript.class).stream()
                  .filter(t -> !t.isFinal())
                  .allMatch(t -> dental.lines().stream().anyMatch(l -> l.startsWith(t.text()))))
          .isTrue();
    }
  }

  private static Transcript awaitFinal(FakeControlPlane control, UUID callId, int n)
      throws InterruptedException {
    return control.await(
        Transcript.class, t -> t.callId().equals(callId) && t.isFinal(), n, TURN_TIMEOUT);
  }

  /**
   * Creates the call through the emulator's Twilio REST API, as the control plane's dialer does.
   */
  private static String createCall(TwilioEmulator twilio, String to, String twimlUrl)
      throws Exception {
    String sid = twilio.config().accountSid();
    String form = "To=" + enc(to) + "&From=" + enc("+15005550006") + "&Url=" + enc(twimlUrl);
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (sid + ":" + twilio.config().authToken()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            twilio.baseUri() + "/2010-04-01/Accounts/" + sid + "/Calls.json"))
                    .header("Authorization", "Basic " + auth)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    var m =
        java.util.regex.Pattern.compile("\"sid\"\\s*:\\s*\"(CA[0-9a-f]{32})\"")
            .matcher(response.body());
    assertThat(m.find()).as(response.body()).isTrue();
    return m.group(1);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A v1 stream token as media-server/STREAM_TOKEN.md specifies (HMAC-SHA256, base64url). */
  private static String token(String callId, Instant expiry) throws Exception {
    String message = "v1." + callId + "." + expiry.getEpochSecond();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] sig = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    return message + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
