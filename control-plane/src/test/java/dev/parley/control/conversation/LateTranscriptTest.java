package dev.parley.control.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.llm.SentenceSink;
import dev.parley.agent.llm.StreamingDialogAgent;
import dev.parley.control.conversation.CallContexts.CallContext;
import dev.parley.control.conversation.RecordingCallServices.ManualExecutor;
import dev.parley.control.session.Speaker;
import dev.parley.control.task.CallTask;
import dev.parley.control.task.CallTaskKind;
import dev.parley.protocol.Hangup;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import dev.parley.protocol.Speak;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.UtterancePlayed;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A callee transcript that arrives once the call is ending (the agent hung up, or the node's
 * SESSION_END is already queued behind it) is recorded but starts no agent turn: a turn then would
 * cost a model call and send a SPEAK the node answers with UNKNOWN_CALL.
 */
class LateTranscriptTest {
  final RecordingCallServices services = new RecordingCallServices();
  final ManualExecutor serial = new ManualExecutor();
  final UUID sessionId = UUID.randomUUID();
  final AtomicInteger turns = new AtomicInteger();
  int transcriptMs;
  CallTaskKind kind = CallTaskKind.PERSONAL;

  @AfterEach
  void close() {
    services.close();
  }

  /** An agent that answers every event it is given, and fails when told to. */
  final class EagerAgent implements StreamingDialogAgent {
    boolean fail;

    @Override
    public DialogTurn respond(
        DialogContext context, ConversationState state, DialogEvent event, SentenceSink sink) {
      turns.incrementAndGet();
      if (fail) {
        throw new IllegalStateException("model unreachable");
      }
      if (event instanceof DialogEvent.CalleeSaid said && said.text().contains("bye")) {
        sink.sentence("Goodbye.");
        return new DialogTurn(
            ended(state),
            List.of(new AgentAction.Speak("Goodbye.", false), new AgentAction.HangUp("completed")));
      }
      String reply = "Reply " + turns.get();
      sink.sentence(reply);
      return new DialogTurn(state, List.of(new AgentAction.Speak(reply, true)));
    }
  }

  static ConversationState ended(ConversationState s) {
    return new ConversationState(
        ConversationState.Phase.ENDED,
        s.turns(),
        s.slots(),
        s.awaiting(),
        s.questionIndex(),
        s.silences(),
        s.menus(),
        s.setbacks(),
        s.agentTurns(),
        "completed");
  }

  LiveConversation call(EagerAgent agent) {
    CallTask task = new CallTask();
    task.setId(UUID.randomUUID());
    task.setOrganizationId(UUID.randomUUID());
    task.setKind(kind);
    CallContext context = new CallContext(task, null, null);
    return new LiveConversation(
        services,
        sessionId,
        context,
        new CallBrains(services, sessionId, context, agent, null),
        ConversationState.initial(),
        "Hello, this is Parley.",
        serial);
  }

  Transcript callee(String text) {
    transcriptMs += 1000;
    return new Transcript(
        sessionId,
        1,
        Transcript.Speaker.CALLEE,
        true,
        transcriptMs - 800,
        transcriptMs,
        0.9f,
        text);
  }

  List<String> calleeLines() {
    return services.segments.stream()
        .filter(s -> s.speaker() == Speaker.HUMAN)
        .map(RecordingCallServices.Segment::text)
        .toList();
  }

  @Test
  void aTranscriptAlongsideTheSessionEndCostsNoModelCallAndSendsNothing() {
    services.offline = false; // the agent stands for a model: a turn would be a paid call
    LiveConversation c = call(new EagerAgent());
    c.offer(new UtterancePlayed(sessionId, 0, 1500, true));
    c.offer(callee("Hi, yes?"));
    serial.runAll();
    assertThat(turns).hasValue(1);
    assertThat(services.sent(Speak.class)).isNotEmpty();
    int sent = services.sent.size();

    // The callee hangs up mid-sentence: the recogniser's last final and SESSION_END arrive
    // together.
    c.offer(callee("Actually I have to"));
    c.offer(new SessionEnd(sessionId, SessionEndReason.REMOTE_HANGUP, "callee hung up"));
    serial.runAll();

    assertThat(turns).as("model turns").hasValue(1);
    assertThat(services.sent).as("commands after the callee hung up").hasSize(sent);
    assertThat(calleeLines()).containsExactly("Hi, yes?", "Actually I have to");
    assertThat(services.finished).hasSize(1);
  }

  @Test
  void lastWordsAlongsideTheSessionEndStillSettleTheCallByTheRules() {
    // Offline, the agent is the rules: it takes the last words quietly, its outcome stands.
    LiveConversation c = call(new EagerAgent());
    c.offer(new UtterancePlayed(sessionId, 0, 1500, true));
    c.offer(callee("Sorry, wrong number, bye."));
    c.offer(new SessionEnd(sessionId, SessionEndReason.REMOTE_HANGUP, "callee hung up"));
    serial.runAll();

    assertThat(services.sent(Speak.class)).as("SPEAKs").isEmpty();
    assertThat(services.sent(Hangup.class)).as("HANGUPs").isEmpty();
    assertThat(c.endReason()).isEqualTo("completed");
    assertThat(services.events).contains("conversation.hang_up");
  }

  @Test
  void aLateRequestNotToBeCalledAgainIsHonouredWithoutATurn() {
    services.offline = false;
    LiveConversation c = call(new EagerAgent());
    c.offer(new UtterancePlayed(sessionId, 0, 1500, true));
    c.offer(callee("Thanks, bye."));
    serial.runAll();
    c.offer(callee("And don't call me again."));
    c.offer(new SessionEnd(sessionId, SessionEndReason.REMOTE_HANGUP, "callee hung up"));
    serial.runAll();

    assertThat(turns).as("agent turns").hasValue(1);
    assertThat(services.optOuts).containsExactly("don't call me again");
  }

  @Test
  void aLateRequestOnAnInboundCallListsNobody() {
    kind = CallTaskKind.INBOUND;
    LiveConversation c = call(new EagerAgent());
    c.offer(new UtterancePlayed(sessionId, 0, 1500, true));
    c.offer(callee("Thanks, bye."));
    c.offer(callee("And don't call me again."));
    serial.runAll();
    assertThat(services.optOuts).isEmpty();
  }

  @Test
  void aTranscriptAfterTheAgentHungUpIsRecordedAndStartsNoTurn() {
    LiveConversation c = call(new EagerAgent());
    c.offer(new UtterancePlayed(sessionId, 0, 1500, true));
    c.offer(callee("Thanks, bye."));
    serial.runAll();
    assertThat(services.sent(Hangup.class)).hasSize(1);
    int sent = services.sent.size();

    // Still on the line while the goodbye plays and the node winds the call down.
    c.offer(callee("Oh wait, one more thing"));
    serial.runAll();

    assertThat(turns).as("agent turns").hasValue(1);
    assertThat(services.sent).as("commands after the hang-up").hasSize(sent);
    assertThat(calleeLines()).containsExactly("Thanks, bye.", "Oh wait, one more thing");
  }

  @Test
  void aTranscriptAfterAHangUpOnAnAgentErrorStartsNoTurn() {
    EagerAgent agent = new EagerAgent();
    LiveConversation c = call(agent);
    c.offer(new UtterancePlayed(sessionId, 0, 1500, true));
    agent.fail = true;
    c.offer(callee("Hello?"));
    serial.runAll();
    assertThat(services.sent(Hangup.class)).hasSize(1);
    assertThat(services.events).contains("agent.error");

    // The model is back, but the call is ending: the state never reached ENDED, the hang-up holds.
    agent.fail = false;
    c.offer(callee("Hello, are you there?"));
    serial.runAll();

    assertThat(turns).as("agent turns").hasValue(1);
    assertThat(services.sent(Speak.class)).as("SPEAKs").isEmpty();
    assertThat(calleeLines()).containsExactly("Hello?", "Hello, are you there?");
  }
}
