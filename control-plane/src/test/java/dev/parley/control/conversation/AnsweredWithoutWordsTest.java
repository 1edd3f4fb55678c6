package dev.parley.control.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.dialog.ConversationState;
import dev.parley.control.conversation.CallContexts.CallContext;
import dev.parley.control.conversation.RecordingCallServices.ManualExecutor;
import dev.parley.control.task.CallTask;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A callee who hangs up before the greeting's first mark and before saying a word: the node's
 * closing CALL_STATS and SESSION_END are all the control plane hears of the call, and they prove it
 * was answered (Twilio streams only answered calls), so the call is written up. A call that never
 * streamed, or one made up as ended for a lost node, proves nothing.
 */
class AnsweredWithoutWordsTest {
  final RecordingCallServices services = new RecordingCallServices();
  final ManualExecutor serial = new ManualExecutor();
  final UUID sessionId = UUID.randomUUID();

  @AfterEach
  void close() {
    services.close();
  }

  CallContext context() {
    CallTask task = new CallTask();
    task.setId(UUID.randomUUID());
    task.setOrganizationId(UUID.randomUUID());
    return new CallContext(task, null, null);
  }

  /** Both kinds of call, fed {@code messages}: whether each took the call for answered. */
  List<Boolean> answered(ProtocolMessage... messages) {
    CallContext context = context();
    LiveConversation pipeline =
        new LiveConversation(
            services,
            sessionId,
            context,
            new CallBrains(services, sessionId, context, null, null),
            ConversationState.initial(),
            "Hello, this is Parley.",
            serial);
    SpeechToSpeechCall speechToSpeech =
        new SpeechToSpeechCall(
            services,
            sessionId,
            context,
            new CallBrains(services, sessionId, context, null, null),
            serial);
    for (ProtocolMessage m : messages) {
      pipeline.offer(m);
      speechToSpeech.offer(m);
    }
    serial.runAll();
    assertThat(services.finished).hasSize(2);
    return List.of(pipeline.endedCall().connected(), speechToSpeech.endedCall().connected());
  }

  CallStats stats(long framesIn) {
    return new CallStats(sessionId, framesIn, 20, framesIn * 160, 3200, 0, 0, 0, 300_000, 90_000);
  }

  @Test
  void aStreamHungUpBeforeAnyEventWasAnswered() {
    // The failing run: 29 frames in, 25 out, REMOTE_HANGUP 402 ms after the stream started.
    assertThat(
            answered(
                stats(29),
                new SessionEnd(sessionId, SessionEndReason.REMOTE_HANGUP, "stream stopped")))
        .containsExactly(true, true);
  }

  @Test
  void theEndReasonAloneProvesAStreamEvenWithoutAFrame() {
    for (SessionEndReason r :
        List.of(
            SessionEndReason.COMPLETED,
            SessionEndReason.REMOTE_HANGUP,
            SessionEndReason.STREAM_CLOSED)) {
      services.finished.clear();
      assertThat(answered(stats(0), new SessionEnd(sessionId, r, "")))
          .as(r.name())
          .containsOnly(true);
    }
  }

  @Test
  void inboundFramesProveAStreamWhateverEndedIt() {
    assertThat(answered(stats(3), new SessionEnd(sessionId, SessionEndReason.MEDIA_ERROR, "tts")))
        .containsExactly(true, true);
  }

  @Test
  void aCallThatNeverStreamedOrALostNodesCallProvesNothing() {
    assertThat(
            answered(
                stats(0),
                new SessionEnd(sessionId, SessionEndReason.NO_STREAM, "no media stream arrived")))
        .containsExactly(false, false);
    services.finished.clear();
    // What MediaLinkBeans tells the conversations of a lost node's calls: no stats before it.
    assertThat(answered(new SessionEnd(sessionId, SessionEndReason.MEDIA_ERROR, "media node lost")))
        .containsExactly(false, false);
  }
}
