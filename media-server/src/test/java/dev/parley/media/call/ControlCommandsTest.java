package dev.parley.media.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.dtmf.DtmfToneGenerator;
import dev.parley.audio.dtmf.GoertzelDtmfDetector;
import dev.parley.audio.signal.SignalMixer;
import dev.parley.media.testing.MediaTestRig;
import dev.parley.media.testing.TwilioStreamClient;
import dev.parley.protocol.Clear;
import dev.parley.protocol.DtmfReceived;
import dev.parley.protocol.ErrorMessage;
import dev.parley.protocol.Hangup;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SendDtmf;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import dev.parley.protocol.Speak;
import dev.parley.protocol.UtterancePlayed;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEAK, CLEAR, SEND_DTMF, HANGUP and DTMF in, through real sockets. */
class ControlCommandsTest {

  /** How long a test waits for what must happen: a bound on a hung test, not a timing claim. */
  private static final Duration LIVENESS = Duration.ofSeconds(30);

  private static MediaTestRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig = MediaTestRig.start();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private TwilioStreamClient streaming(UUID call) throws Exception {
    TwilioStreamClient twilio = rig.stream(call);
    twilio.start(MediaTestRig.token(call));
    twilio.startMedia(new byte[0], Double.NaN, 0);
    TwilioStreamClient.await(() -> rig.server.calls().activeCount() > 0, LIVENESS.toMillis());
    return twilio;
  }

  @Test
  void speakChunksPlayInOrderAndReportUtterancePlayed() throws Exception {
    UUID call = rig.newCall("");
    try (TwilioStreamClient twilio = streaming(call)) {
      rig.control.send(new Speak(call, 1, 0, false, true, "Let me check that for you."));
      rig.control.send(new Speak(call, 1, 1, true, true, "One moment please."));
      UtterancePlayed played =
          rig.control.await(
              UtterancePlayed.class,
              u -> u.callId().equals(call) && u.utteranceId() == 1,
              Duration.ofSeconds(15));
      assertThat(played.complete()).isTrue();
      assertThat(played.msPlayed())
          .isBetween(twilio.playedAudioFrames() * 20 - 20, twilio.playedAudioFrames() * 20);
      assertThat(played.msPlayed()).as("both chunks").isGreaterThan(1500);
      assertThat(twilio.clears()).isZero();
      twilio.stop();
    }
  }

  @Test
  void clearStopsPlaybackAndReportsWhatWasHeard() throws Exception {
    UUID call = rig.newCall("");
    try (TwilioStreamClient twilio = streaming(call)) {
      rig.control.send(
          new Speak(
              call,
              2,
              0,
              true,
              true,
              "This is a long sentence that will be cut off before it can finish playing."));
      TwilioStreamClient.await(() -> twilio.playedAudioFrames() > 40, 8000);
      rig.control.send(new Clear(call));
      UtterancePlayed cut =
          rig.control.await(
              UtterancePlayed.class,
              u -> u.callId().equals(call) && u.utteranceId() == 2,
              Duration.ofSeconds(5));
      assertThat(cut.complete()).isFalse();
      assertThat(TwilioStreamClient.await(() -> twilio.clears() == 1, LIVENESS.toMillis()))
          .isTrue();
      int truth = twilio.clearPlayedFrames().get(0) * 20;
      assertThat(cut.msPlayed()).isBetween(truth - 100, truth + 100);
      twilio.stop();
    }
  }

  @Test
  void sendDtmfPlaysTonesAGoertzelReceiverDecodes() throws Exception {
    UUID call = rig.newCall("");
    try (TwilioStreamClient twilio = streaming(call)) {
      rig.control.send(new SendDtmf(call, "19#*0"));
      int frames =
          5 * (DtmfToneGenerator.DEFAULT_TONE_MILLIS + DtmfToneGenerator.DEFAULT_GAP_MILLIS) / 20;
      assertThat(TwilioStreamClient.await(() -> twilio.playedAudioFrames() >= frames, 5000))
          .isTrue();
      byte[] played = SignalMixer.toMuLaw(twilio.played());
      GoertzelDtmfDetector detector = new GoertzelDtmfDetector();
      StringBuilder digits = new StringBuilder();
      for (int p = 0; p + 160 <= played.length; p += 160) {
        char d = detector.process(played, p, 160);
        if (d != GoertzelDtmfDetector.NONE) {
          digits.append(d);
        }
      }
      assertThat(digits.toString()).isEqualTo("19#*0");
      // DTMF is not an utterance of the agent's: no UTTERANCE_PLAYED for it.
      Thread.sleep(300);
      assertThat(rig.control.messages(UtterancePlayed.class))
          .noneMatch(u -> u.callId().equals(call));
      twilio.stop();
    }
  }

  @Test
  void dtmfFromTwilioAndInBandTonesFromTheCalleeAreReported() throws Exception {
    UUID call = rig.newCall("");
    DtmfToneGenerator gen = new DtmfToneGenerator();
    gen.enqueue("42");
    byte[] tones = new byte[8000 * 2];
    java.util.Arrays.fill(tones, (byte) 0xFF);
    gen.writeFrame(tones, 4000, 8000);
    try (TwilioStreamClient twilio = rig.stream(call)) {
      twilio.start(MediaTestRig.token(call));
      twilio.startMedia(tones, Double.NaN, 0);
      TwilioStreamClient.await(() -> rig.server.calls().activeCount() > 0, LIVENESS.toMillis());
      twilio.dtmf('7');
      rig.control.await(
          DtmfReceived.class, d -> d.callId().equals(call) && d.digit() == '7', LIVENESS);
      rig.control.await(
          DtmfReceived.class,
          d -> d.callId().equals(call) && d.digit() == '2',
          Duration.ofSeconds(5));
      assertThat(
              rig.control.messages(DtmfReceived.class).stream()
                  .filter(d -> d.callId().equals(call))
                  .map(DtmfReceived::digit))
          .containsExactly('7', '4', '2');
      twilio.stop();
    }
  }

  @Test
  void hangupEndsTheCallOnceTheUtteranceHasPlayed() throws Exception {
    UUID call = rig.newCall("");
    try (TwilioStreamClient twilio = streaming(call)) {
      rig.control.send(new Speak(call, 3, 0, true, false, "Goodbye."));
      rig.control.send(new Hangup(call, "goal reached"));
      SessionEnd end =
          rig.control.await(SessionEnd.class, e -> e.callId().equals(call), Duration.ofSeconds(10));
      assertThat(end.reason()).isEqualTo(SessionEndReason.COMPLETED);
      UtterancePlayed played =
          rig.control.await(
              UtterancePlayed.class,
              u -> u.callId().equals(call) && u.utteranceId() == 3,
              LIVENESS);
      assertThat(played.complete()).isTrue();
      assertThat(rig.control.messages())
          .filteredOn(m -> m.callId().equals(call))
          .last()
          .isInstanceOf(SessionEnd.class);
      assertThat(twilio.closeStatus().get(5, java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo(1000);
    }
  }

  @Test
  void hangupBeforeTheStreamArrivesEndsThePreparedCall() throws Exception {
    UUID call = rig.newCall("Hello there.");
    rig.control.send(new Hangup(call, "cancelled"));
    SessionEnd end =
        rig.control.await(SessionEnd.class, e -> e.callId().equals(call), Duration.ofSeconds(5));
    assertThat(end.reason()).isEqualTo(SessionEndReason.NO_STREAM);
    assertThat(rig.server.calls().isPrepared(call)).isFalse();
  }

  /**
   * A prepared call's expiry and a HANGUP racing for it end it once: one SESSION_END, and whatever
   * the link answers after that (UNKNOWN_CALL for a command that found it gone) comes after it.
   */
  @Test
  void aPreparedCallThatExpiresWhileHungUpEndsOnceBeforeAnyUnknownCall() throws Exception {
    for (int round = 0; round < 20; round++) {
      UUID call = rig.newCall("");
      Thread expiry = new Thread(() -> rig.server.calls().expirePrepared(0));
      expiry.start();
      rig.control.send(new Hangup(call, "cancelled"));
      rig.control.send(new Hangup(call, "cancelled again"));
      expiry.join();
      rig.control.await(SessionEnd.class, e -> e.callId().equals(call), Duration.ofSeconds(5));
      // The HANGUP sent last is answered behind everything before it: UNKNOWN_CALL, or nothing if
      // it came while the call was still ending. Wait for a marker that follows both.
      UUID marker = UUID.randomUUID();
      rig.control.send(new Hangup(marker, "marker"));
      rig.control.await(ErrorMessage.class, e -> e.callId().equals(marker), Duration.ofSeconds(5));
      List<ProtocolMessage> forCall =
          rig.control.messages().stream().filter(m -> call.equals(m.callId())).toList();
      assertThat(forCall).filteredOn(SessionEnd.class::isInstance).hasSize(1);
      int end = 0;
      while (!(forCall.get(end) instanceof SessionEnd)) {
        end++;
      }
      assertThat(forCall.subList(0, end))
          .as("nothing answered ahead of SESSION_END, round " + round)
          .noneMatch(ErrorMessage.class::isInstance);
    }
  }
}
