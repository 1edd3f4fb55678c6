package dev.parley.control.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.analysis.TranscriptSegment;
import dev.parley.control.session.Speaker;
import dev.parley.protocol.BargeIn;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.UtterancePlayed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The record both kinds of call keep, seen mostly through a speech-to-speech call. */
class CallRecordTest {
  final CallFixture fx = new CallFixture();

  @AfterEach
  void close() {
    fx.close();
  }

  SpeechToSpeechCall call() {
    return fx.speechToSpeech();
  }

  Transcript said(Transcript.Speaker who, int seq, int startMs, int endMs, String text) {
    return new Transcript(fx.sessionId, seq, who, true, startMs, endMs, 0.9f, text);
  }

  @Test
  void bothSidesAreStoredOnTheStreamsClockAndTheAgentCutToWhatWasHeard() {
    SpeechToSpeechCall c = call();
    assertThat(c.record().connected()).isFalse();
    c.offer(said(Transcript.Speaker.CALLEE, 1, 1000, 2000, " Hello? "));
    c.offer(said(Transcript.Speaker.AGENT, 2, 2500, 4500, "Hi, this is Parley calling for Sam."));
    c.offer(new BargeIn(fx.sessionId, 2, 1000, 3500));
    c.offer(new SessionEnd(fx.sessionId, SessionEndReason.REMOTE_HANGUP, "bye"));
    fx.serial.runAll();

    assertThat(fx.services.segments)
        .extracting(RecordingCallServices.Segment::speaker)
        .containsExactly(Speaker.HUMAN, Speaker.ASSISTANT);
    assertThat(fx.services.segments.get(0).text()).isEqualTo("Hello?");
    assertThat(fx.services.segments.get(1).interrupted()).isTrue();
    assertThat(fx.services.segments.get(1).text()).startsWith("Hi, this is").hasSizeLessThan(35);
    assertThat(fx.services.events).contains("conversation.barge_in");

    EndedCall ended = c.endedCall();
    assertThat(ended.connected()).isTrue();
    assertThat(ended.endReason()).isEqualTo("callee_ended");
    List<TranscriptSegment> t = ended.transcript();
    // The first event (at 2000 ms of stream time) placed the stream's start 2 s before the clock.
    Instant origin = fx.services.clock().instant().minusMillis(2000);
    assertThat(t.get(0).start()).isEqualTo(origin.plusMillis(1000));
    assertThat(t.get(1).start()).isEqualTo(origin.plusMillis(2500));
    assertThat(fx.services.finished).hasSize(1);
  }

  @Test
  void aRequestNotToBeCalledAgainAsTheCallEndsIsHonouredHereOtherwiseLeftToTheModel() {
    SpeechToSpeechCall c = call();
    c.offer(said(Transcript.Speaker.CALLEE, 1, 1000, 2000, "Please stop calling me about this."));
    fx.serial.runAll();
    assertThat(fx.services.optOuts).as("the model's add_to_do_not_call does it").isEmpty();
    c.offer(said(Transcript.Speaker.CALLEE, 3, 3000, 4000, "I said stop calling me."));
    c.offer(new SessionEnd(fx.sessionId, SessionEndReason.REMOTE_HANGUP, "bye"));
    fx.serial.runAll();
    assertThat(fx.services.optOuts).containsExactly("stop calling");
  }

  @Test
  void anUnplayedAgentLineIsKeptAsUnconfirmedWhenTheCallEnds() {
    SpeechToSpeechCall c = call();
    c.offer(said(Transcript.Speaker.AGENT, 1, 0, 1500, "Goodbye."));
    c.offer(new UtterancePlayed(fx.sessionId, 7, 100, true));
    c.offer(new SessionEnd(fx.sessionId, SessionEndReason.COMPLETED, "hangup"));
    fx.serial.runAll();
    assertThat(fx.services.segments)
        .extracting(RecordingCallServices.Segment::text)
        .containsExactly("Goodbye.");
  }

  @Test
  void aLineCutOffBeforeAWordWasHeardIsNoLineButItsTextIsKeptInTheAudit() {
    SpeechToSpeechCall c = call();
    c.offer(said(Transcript.Speaker.CALLEE, 1, 1000, 2000, "Hello?"));
    c.offer(said(Transcript.Speaker.AGENT, 2, 2500, 4500, "Hi, this is Parley calling for Sam."));
    c.offer(new BargeIn(fx.sessionId, 2, 0, 2500));
    c.offer(new SessionEnd(fx.sessionId, SessionEndReason.REMOTE_HANGUP, "bye"));
    fx.serial.runAll();

    assertThat(fx.services.segments)
        .extracting(RecordingCallServices.Segment::text)
        .containsExactly("Hello?");
    assertThat(c.endedCall().transcript())
        .extracting(TranscriptSegment::text)
        .containsExactly("Hello?");
    assertThat(fx.services.events).contains("conversation.barge_in");
    assertThat(fx.services.lastEvent("conversation.unheard"))
        .containsEntry("full_text", "Hi, this is Parley calling for Sam.")
        .containsEntry("ms_heard", 0)
        .containsEntry("barge_in", true);
  }

  @Test
  void aGreetingCutOffAsItBeganLeavesNoEmptyAgentLineInAPipelineCall() {
    LiveConversation c = fx.pipeline();
    c.offer(new BargeIn(fx.sessionId, 0, 0, 300));
    c.offer(new SessionEnd(fx.sessionId, SessionEndReason.REMOTE_HANGUP, "bye"));
    fx.serial.runAll();

    assertThat(fx.services.segments)
        .extracting(RecordingCallServices.Segment::text)
        .allSatisfy(text -> assertThat(text).isNotBlank());
    assertThat(c.endedCall().transcript())
        .extracting(TranscriptSegment::text)
        .allSatisfy(text -> assertThat(text).isNotBlank());
    assertThat(fx.services.lastEvent("conversation.unheard"))
        .containsEntry("full_text", CallFixture.GREETING)
        .containsEntry("ms_heard", 0);
  }

  @Test
  void aLineCutOffAfterAFewWordsIsStoredAsWhatWasHeard() {
    SpeechToSpeechCall c = call();
    c.offer(said(Transcript.Speaker.AGENT, 1, 0, 2000, "Hi, this is Parley calling for Sam."));
    c.offer(new BargeIn(fx.sessionId, 1, 900, 900));
    c.offer(new SessionEnd(fx.sessionId, SessionEndReason.REMOTE_HANGUP, "bye"));
    fx.serial.runAll();

    assertThat(fx.services.segments).hasSize(1);
    assertThat(fx.services.segments.get(0).text())
        .isNotBlank()
        .isNotEqualTo("Hi, this is Parley calling for Sam.");
    assertThat(fx.services.events).doesNotContain("conversation.unheard");
  }
}
