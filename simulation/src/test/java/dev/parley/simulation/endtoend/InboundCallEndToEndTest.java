package dev.parley.simulation.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.call.CallSnapshot;
import dev.parley.emulator.call.CallStatus;
import dev.parley.emulator.call.EmulatedCall;
import dev.parley.emulator.callee.CalleeBehaviour.Outcome;
import dev.parley.media.server.MediaServer;
import dev.parley.media.server.MediaServerConfig;
import dev.parley.media.server.SpeechProviders;
import dev.parley.protocol.CallDirection;
import dev.parley.protocol.Heartbeat;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.Speak;
import dev.parley.protocol.SpeechMode;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.VadTuning;
import dev.parley.simulation.persona.Persona;
import dev.parley.simulation.persona.PersonaCatalog;
import dev.parley.simulation.persona.PersonaTiming;
import dev.parley.simulation.persona.SimulatedNumbers;
import dev.parley.simulation.recognizer.ScriptedRecognizer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * An inbound simulated call over real sockets: a test caller persona dials Parley's number on the
 * Twilio emulator; the number's Voice URL (a test endpoint standing in for the control plane's
 * inbound webhook) answers with {@code <Connect><Stream>} to a real media server whose recogniser
 * is the {@link ScriptedRecognizer}. The receptionist (a fake control plane on the binary protocol)
 * greets and answers; the caller's lines come back as TRANSCRIPT finals, one per turn, in order,
 * because the recogniser takes the caller ({@code From}) as the remote party.
 */
class InboundCallEndToEndTest {

  private static final String SECRET = "simulation-e2e-secret";
  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(30);

  /** Parley's own number: outside the simulated range, as a real deployment's would be. */
  private static final String PARLEY = "+14155550000";

  /** A test caller: waits for the receptionist's greeting, books, says goodbye and hangs up. */
  private static final Persona CALLER =
      new Persona(
          SimulatedNumbers.number(97),
          "Test caller",
          "A customer ringing the receptionist to book a car service (test persona).",
          Outcome.ANSWER_HUMAN,
          List.of(
              "Hi, I'd like to book a service for my Toyota Corolla.",
              "Wednesday morning would be great.",
              "Perfect, thank you. Bye."),
          false,
          true,
          PersonaTiming.DEFAULT);

  private static final List<String> RECEPTIONIST =
      List.of(
          "Thank you for calling Main Street Auto, this is the virtual receptionist. How can I"
              + " help?",
          "Of course. Which day suits you?",
          "You're booked for Wednesday at nine. Anything else?",
          "Goodbye.");

  @Test
  void theReceptionistHearsTheCallersLinesWithSessionStart() throws Exception {
    talk(true);
  }

  @Test
  void theCallerIsRecognisedFromTheStreamWhenNoSessionStartCame() throws Exception {
    talk(false);
  }

  private void talk(boolean sessionStart) throws Exception {
    PersonaCatalog catalog = PersonaCatalog.of(List.of(CALLER));
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
                new ScriptedRecognizer(catalog),
                SpeechProviders.offline().textToSpeech())) {
      catalog.registerAll(twilio.callees());
      awaitTrue(media::controlConnected);

      UUID callId = UUID.randomUUID();
      String token = token(callId.toString(), Instant.now().plusSeconds(300));
      if (sessionStart) {
        // What the control plane's inbound webhook prepares: the caller is the remote party.
        control.send(
            new SessionStart(
                callId,
                CallDirection.INBOUND,
                "tenant-sim",
                CALLER.number(),
                PARLEY,
                "en-US",
                "kevin16",
                "scripted",
                "offline",
                SpeechMode.PIPELINE,
                token,
                // The receptionist's greeting, spoken as soon as the stream starts.
                RECEPTIONIST.get(0),
                "",
                VadTuning.DEFAULTS));
      }
      String voiceUrl =
          twiml.streamTo(
              media.port(),
              callId.toString(),
              token,
              Map.of("direction", "inbound", "from", CALLER.number(), "to", PARLEY));
      twilio.incomingNumbers().configure(PARLEY, voiceUrl, null);

      EmulatedCall call = twilio.placeInboundCall(CALLER.number(), PARLEY);

      // The receptionist speaks first; after each of its turns the caller says its next line.
      if (!sessionStart) {
        // No greeting was prepared: speak it once the node has the call streaming.
        control.await(Heartbeat.class, h -> h.activeCalls() > 0, 1, TURN_TIMEOUT);
        control.send(new Speak(callId, 1, 0, true, true, RECEPTIONIST.get(0)));
      }
      for (int turn = 0; turn < CALLER.lines().size(); turn++) {
        if (turn > 0) {
          control.send(new Speak(callId, turn + 1, 0, true, true, RECEPTIONIST.get(turn)));
        }
        assertThat(awaitFinal(control, callId, turn + 1).text()).isEqualTo(CALLER.line(turn));
      }
      // Its last line said, the caller hangs up on the receptionist's next turn.
      control.send(new Speak(callId, 4, 0, true, true, RECEPTIONIST.get(3)));
      CallSnapshot ended = call.ended().get(30, TimeUnit.SECONDS);
      assertThat(ended.status()).isEqualTo(CallStatus.COMPLETED);
      assertThat(ended.from()).isEqualTo(CALLER.number());

      List<Transcript> finals =
          control.received(Transcript.class).stream()
              .filter(t -> t.callId().equals(callId) && t.isFinal())
              .toList();
      assertThat(finals).extracting(Transcript::text).containsExactlyElementsOf(CALLER.lines());
    }
  }

  private static Transcript awaitFinal(FakeControlPlane control, UUID callId, int n)
      throws InterruptedException {
    return control.await(
        Transcript.class, t -> t.callId().equals(callId) && t.isFinal(), n, TURN_TIMEOUT);
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
