package dev.parley.control.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.analysis.TranscriptSegment;
import dev.parley.control.conversation.CallContexts.CallContext;
import dev.parley.control.conversation.RecordingCallServices.ManualExecutor;
import dev.parley.control.session.Speaker;
import dev.parley.control.task.CallTask;
import dev.parley.protocol.BargeIn;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.UtterancePlayed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The record both kinds of call keep, seen through a speech-to-speech call. */
class CallRecordTest {
  final RecordingCallServices services = new RecordingCallServices();
  final ManualExecutor serial = new ManualExecutor();
  final UUID sessionId = UUID.randomUUID();

  @AfterEach
  void close() {
    services.close();
  }

  SpeechToSpeechCall call() {
    CallTask task = new CallTask();
    task.setId(UUID.randomUUID());
    task.setOrganizationId(UUID.randomUUID());
    CallContext context = new CallContext(task, null, null);
    return new SpeechToSpeechCall(
        services,
        sessionId,
        context,
        new CallBrains(services, sessionId, context, null, null),
        serial);
  }

  Transcript said(Transcript.Speaker who, int seq, int startMs, int endMs, String text) {
    return new Transcript(sessionId, seq, who, true, startMs, endMs, 0.9f, text);
  }

  @Test
  void bothSidesAreStoredOnTheStreamsClockAndTheAgentCutToWhatWasHeard() {
    SpeechToSpeechCall c = call();
    assertThat(c.record().connected()).isFalse();
    c.offer(said(Transcript.Speaker.CALLEE, 1, 1000, 2000, " Hello? "));
    c.offer(said(Transcript.Speaker.AGENT, 2, 2500, 4500, "Hi, this is Parley calling for Sam."));
    c.offer(new BargeIn(sessionId, 2, 1000, 3500));
    c.offer(new SessionEnd(sessionId, SessionEndReason.REMOTE_HANGUP, "bye"));
    serial.runAll();

    assertThat(services.segments)
        .extracting(RecordingCallServices.Segment::speaker)
        .containsExactly(Speaker.HUMAN, Speaker.ASSISTANT);
    assertThat(services.segments.get(0).text()).isEqualTo("Hello?");
    assertThat(services.segments.get(1).interrupted()).isTrue();
    assertThat(services.segments.get(1).text()).startsWith("Hi, this is").hasSizeLessThan(35);
    assertThat(services.events).contains("conversation.barge_in");

    EndedCall ended = c.endedCall();
    assertThat(ended.connected()).isTrue();
    assertThat(ended.endReason()).isEqualTo("callee_ended");
    List<TranscriptSegment> t = ended.transcript();
    // The first event (at 2000 ms of stream time) placed the stream's start 2 s before the clock.
    Instant origin = services.clock().instant().minusMillis(2000);
    assertThat(t.get(0).start()).isEqualTo(origin.plusMillis(1000));
    assertThat(t.get(1).start()).isEqualTo(origin.plusMillis(2500));
    assertThat(services.finished).hasSize(1);
  }

  @Test
  void aRequestNotToBeCalledAgainAsTheCallEndsIsHonouredHereOtherwiseLeftToTheModel() {
    SpeechToSpeechCall c = call();
    c.offer(said(Transcript.Speaker.CALLEE, 1, 1000, 2000, "Please stop calling me about this."));
    serial.runAll();
    assertThat(services.optOuts).as("the model's add_to_do_not_call does it").isEmpty();
    c.offer(said(Transcript.Speaker.CALLEE, 3, 3000, 4000, "I said stop calling me."));
    c.offer(new SessionEnd(sessionId, SessionEndReason.REMOTE_HANGUP, "bye"));
    serial.runAll();
    assertThat(services.optOuts).containsExactly("stop calling");
  }

  @Test
  void anUnplayedAgentLineIsKeptAsUnconfirmedWhenTheCallEnds() {
    SpeechToSpeechCall c = call();
    c.offer(said(Transcript.Speaker.AGENT, 1, 0, 1500, "Goodbye."));
    c.offer(new UtterancePlayed(sessionId, 7, 100, true));
    c.offer(new SessionEnd(sessionId, SessionEndReason.COMPLETED, "hangup"));
    serial.runAll();
    assertThat(services.segments)
        .extracting(RecordingCallServices.Segment::text)
        .containsExactly("Goodbye.");
  }
}
