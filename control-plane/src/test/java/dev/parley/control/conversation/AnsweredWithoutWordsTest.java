package dev.parley.control.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.CallStats;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A callee who hangs up before the greeting's first mark and before saying a word: the node's
 * closing CALL_STATS and SESSION_END are all the control plane hears of the call, and they prove it
 * was answered (Twilio streams only answered calls), so the call is written up. A call that never
 * streamed, or one made up as ended for a lost node, proves nothing.
 */
class AnsweredWithoutWordsTest {
  final CallFixture fx = new CallFixture();

  @AfterEach
  void close() {
    fx.close();
  }

  /** Both kinds of call, fed {@code messages}: whether each took the call for answered. */
  List<Boolean> answered(ProtocolMessage... messages) {
    LiveConversation pipeline = fx.pipeline();
    SpeechToSpeechCall speechToSpeech = fx.speechToSpeech();
    for (ProtocolMessage m : messages) {
      pipeline.offer(m);
      speechToSpeech.offer(m);
    }
    fx.serial.runAll();
    assertThat(fx.services.finished).hasSize(2);
    return List.of(pipeline.endedCall().connected(), speechToSpeech.endedCall().connected());
  }

  CallStats stats(long framesIn) {
    return new CallStats(
        fx.sessionId, framesIn, 20, framesIn * 160, 3200, 0, 0, 0, 300_000, 90_000);
  }

  @Test
  void aStreamHungUpBeforeAnyEventWasAnswered() {
    // The failing run: 29 frames in, 25 out, REMOTE_HANGUP 402 ms after the stream started.
    assertThat(
            answered(
                stats(29),
                new SessionEnd(fx.sessionId, SessionEndReason.REMOTE_HANGUP, "stream stopped")))
        .containsExactly(true, true);
  }

  @Test
  void theEndReasonAloneProvesAStreamEvenWithoutAFrame() {
    for (SessionEndReason r :
        List.of(
            SessionEndReason.COMPLETED,
            SessionEndReason.REMOTE_HANGUP,
            SessionEndReason.STREAM_CLOSED)) {
      fx.services.finished.clear();
      assertThat(answered(stats(0), new SessionEnd(fx.sessionId, r, "")))
          .as(r.name())
          .containsOnly(true);
    }
  }

  @Test
  void inboundFramesProveAStreamWhateverEndedIt() {
    assertThat(
            answered(stats(3), new SessionEnd(fx.sessionId, SessionEndReason.MEDIA_ERROR, "tts")))
        .containsExactly(true, true);
  }

  @Test
  void aCallThatNeverStreamedOrALostNodesCallProvesNothing() {
    assertThat(
            answered(
                stats(0),
                new SessionEnd(
                    fx.sessionId, SessionEndReason.NO_STREAM, "no media stream arrived")))
        .containsExactly(false, false);
    fx.services.finished.clear();
    // What MediaLinkBeans tells the conversations of a lost node's calls: no stats before it.
    assertThat(
            answered(new SessionEnd(fx.sessionId, SessionEndReason.MEDIA_ERROR, "media node lost")))
        .containsExactly(false, false);
  }
}
