package dev.parley.control.conversation;

import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogAgent;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.dialog.RuleBasedDialogAgent;
import dev.parley.agent.llm.SentenceSink;
import dev.parley.control.conversation.CallContexts.CallContext;
import dev.parley.control.task.CallTaskKind;
import dev.parley.protocol.BargeIn;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.Clear;
import dev.parley.protocol.DtmfReceived;
import dev.parley.protocol.ErrorMessage;
import dev.parley.protocol.Hangup;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SendDtmf;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.Speak;
import dev.parley.protocol.SpeechStarted;
import dev.parley.protocol.SpeechStopped;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.UtterancePlayed;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's dialogue in the control plane: turns the media node's events into {@link DialogEvent}s
 * for the dialog agent, carries out the agent's actions (SPEAK, SEND_DTMF, HANGUP, approvals,
 * do-not-call), and writes the transcript as it goes: each of the other side's final transcripts
 * when it arrives, each of the agent's utterances once the node says how much of it played (all of
 * it, or what was heard before a barge-in). Every method runs on the call's own serial executor.
 */
final class LiveConversation {
  private static final Logger log = LoggerFactory.getLogger(LiveConversation.class);

  /** FreeTTS and most streaming voices speak about 15 characters a second. */
  private static final double DEFAULT_MS_PER_CHAR = 65.0;

  private final CallServices services;
  private final CallRecord record;
  private final UUID sessionId;
  private final Executor serial;
  private final Map<Integer, SpokenUtterance> unsettled = new HashMap<>();

  private ConversationState state;
  private int nextUtterance = 1;
  private int lastSpoken = -1;
  private double msPerChar = DEFAULT_MS_PER_CHAR;
  private boolean calleeSpeaking;
  private boolean hangUpSent;
  private boolean ended;
  private ScheduledFuture<?> silenceTimer;
  private ApprovalWait approval;
  private volatile boolean bargeInPending;

  /** The node's SESSION_END is queued behind what the executor is doing now. */
  private volatile boolean endPending;

  private String endReason;

  LiveConversation(
      CallServices services,
      UUID sessionId,
      CallContext context,
      CallBrains brains,
      ConversationState state,
      String greeting,
      Executor serial) {
    this.services = services;
    this.record = new CallRecord(services, sessionId, context, brains);
    this.sessionId = sessionId;
    this.state = state;
    this.serial = serial;
    if (greeting != null) {
      unsettled.put(0, new SpokenUtterance(0, greeting, System.nanoTime()));
      lastSpoken = 0;
    }
  }

  /** The call's ids, context, stream clock and transcript. */
  CallRecord record() {
    return record;
  }

  UUID sessionId() {
    return sessionId;
  }

  UUID taskId() {
    return record.taskId();
  }

  ConversationState state() {
    return state;
  }

  /** What the write-up needs, once the session has ended. */
  EndedCall endedCall() {
    return record.ended(state.outcome(), endReason());
  }

  /**
   * Hands a node message to the call's executor. A barge-in is also flagged at once, so a reply
   * still being written by a model stops (the executor is busy with that reply); so is the
   * session's end, so the messages queued before it start no turn.
   */
  void offer(ProtocolMessage message) {
    if (message instanceof BargeIn) {
      bargeInPending = true;
    } else if (message instanceof SessionEnd) {
      endPending = true;
    }
    serial.execute(() -> handle(message));
  }

  /** Runs {@code task} on the call's executor unless the call is over. */
  void later(Runnable task) {
    serial.execute(
        () -> {
          if (!ended) {
            task.run();
          }
        });
  }

  private void handle(ProtocolMessage message) {
    if (ended) {
      return;
    }
    try {
      if (message instanceof Transcript t) {
        transcript(t);
      } else if (message instanceof UtterancePlayed p) {
        played(p);
      } else if (message instanceof BargeIn b) {
        bargeIn(b);
      } else if (message instanceof SpeechStarted s) {
        speechStarted(s);
      } else if (message instanceof SpeechStopped) {
        record.markConnected();
        calleeSpeaking = false;
      } else if (message instanceof DtmfReceived d) {
        record.markConnected();
        respond(new DialogEvent.DtmfReceived(String.valueOf(d.digit())));
      } else if (message instanceof CallStats s) {
        record.markConnected(s);
      } else if (message instanceof SessionEnd end) {
        end(end);
      } else if (message instanceof ErrorMessage e) {
        event("media.error", Map.of("code", e.code().name(), "text", e.text()));
      }
      // SESSION_READY and the rest: the call recorder keeps them (and CALL_STATS as events).
    } catch (RuntimeException e) {
      log.error("call {}: handling {} failed", sessionId, message.type(), e);
    }
  }

  // ---- what the node reports ----------------------------------------------------------------

  private void transcript(Transcript t) {
    if (t.speaker() != Transcript.Speaker.CALLEE) {
      return; // a pipeline call's own words are settled from SPEAK, not transcribed back
    }
    record.markConnected();
    record.streamTimeNow(t.endMs());
    if (!t.isFinal()) {
      return;
    }
    calleeSpeaking = false;
    String text = t.text().strip();
    if (text.isEmpty()) {
      // A recogniser that finds utterances but no words: nothing the agent can answer.
      armSilence();
      return;
    }
    record.calleeSaid(text, t.startMs(), t.endMs(), t.confidence());
    if (hangUpSent || state.ended()) {
      // The agent has ended the call: no turn, but a request not to be called again is honoured.
      record.honourOptOut(text);
    } else if (endPending) {
      settleLastWords(text);
    } else {
      respond(new DialogEvent.CalleeSaid(text));
    }
  }

  /**
   * The other side's last words, said as they hung up (SESSION_END is queued behind them): the
   * agent's rules, never a model, bring the state up to date (the outcome, an opt-out, a fact) so
   * the call is settled as it would have been, but nothing is said or sent to the node. The offline
   * brains are those rules; with a model, the rule-based agent it falls back to takes the words
   * (the receptionist's calls only honour an opt-out).
   */
  private void settleLastWords(String text) {
    DialogAgent rules =
        services.offlineBrains()
            ? record.brains().agent()
            : record.context().task().getKind() == CallTaskKind.INBOUND
                ? null
                : new RuleBasedDialogAgent(services.clock());
    DialogTurn turn;
    try {
      turn =
          rules == null
              ? null
              : rules.respond(record.context().dialog(), state, new DialogEvent.CalleeSaid(text));
    } catch (RuntimeException e) {
      log.warn("call {}: the rules failed on the last words: {}", sessionId, e.toString());
      turn = null;
    }
    if (turn == null) {
      record.honourOptOut(text);
      return;
    }
    state = turn.state();
    services.saveLiveState(sessionId, state);
    for (AgentAction action : turn.actions()) {
      if (action instanceof AgentAction.AddToDoNotCall d) {
        services.optOut(sessionId, d.reason());
      } else if (action instanceof AgentAction.CallTool t) {
        event("agent.tool." + t.name(), Map.copyOf(t.args()));
      } else if (action instanceof AgentAction.HangUp h) {
        decideHangUp(h.reason());
      } else if (action instanceof AgentAction.Transfer) {
        decideHangUp("transferred");
      }
    }
  }

  /**
   * Whether the call is ending: the agent hung up (HANGUP sent, or its state ended) or the node's
   * SESSION_END is on its way. What the callee says then is still recorded, but a turn would cost a
   * model call and send a SPEAK the node answers with UNKNOWN_CALL.
   */
  private boolean ending() {
    return hangUpSent || state.ended() || endPending;
  }

  private void played(UtterancePlayed p) {
    record.markConnected();
    if (p.utteranceId() == 0) {
      // The greeting starts the stream: it ended msPlayed after the stream began.
      record.streamTimeNow(p.msPlayed());
    }
    SpokenUtterance u = unsettled.remove(p.utteranceId());
    if (u != null) {
      int endMs = record.streamMsNow();
      int startMs = Math.max(0, endMs - p.msPlayed());
      if (p.complete()) {
        if (u.text().length() > 20 && p.msPlayed() > 500) {
          msPerChar = 0.7 * msPerChar + 0.3 * ((double) p.msPlayed() / u.text().length());
        }
        record.agentSaid(u.text(), startMs, endMs, false, null, Map.of());
      } else {
        String heard = SpokenUtterance.heardPart(u.text(), p.msPlayed(), msPerChar);
        record.agentSaid(heard, startMs, endMs, true, p.msPlayed(), Map.of("full_text", u.text()));
      }
    }
    if (p.utteranceId() == lastSpoken && !hangUpSent) {
      armSilence();
    }
  }

  private void bargeIn(BargeIn b) {
    bargeInPending = false;
    record.markConnected();
    calleeSpeaking = true;
    cancelSilence();
    SpokenUtterance u = unsettled.remove(b.utteranceId());
    if (u == null) {
      return;
    }
    String heard = SpokenUtterance.heardPart(u.text(), b.msHeard(), msPerChar);
    int endMs = b.atMs();
    record.agentSaid(
        heard,
        Math.max(0, endMs - b.msHeard()),
        endMs,
        true,
        b.msHeard(),
        Map.of("full_text", u.text(), "barge_in", true));
    services.observers().forEach(o -> o.bargeIn(taskId(), sessionId, heard, b.msHeard()));
    event(
        "conversation.barge_in",
        Map.of("utterance", b.utteranceId(), "ms_heard", b.msHeard(), "heard", heard));
    respond(new DialogEvent.BargeIn(heard));
  }

  private void speechStarted(SpeechStarted s) {
    record.markConnected();
    record.streamTimeNow(s.atMs());
    calleeSpeaking = true;
    cancelSilence();
  }

  private void end(SessionEnd end) {
    ended = true;
    record.markConnected(end);
    cancelSilence();
    if (approval != null) {
      approval.cancel();
    }
    // What the node never confirmed was said but not known to be heard: keep it, marked so.
    unsettled.values().stream()
        .filter(u -> record.connected() && u.id() > 0)
        .sorted((a, b) -> Integer.compare(a.id(), b.id()))
        .forEach(
            u -> {
              int at = record.streamMsNow();
              record.agentSaid(u.text(), at, at, false, null, Map.of("playback", "unconfirmed"));
            });
    unsettled.clear();
    services.finished(this, end);
  }

  // ---- the agent -----------------------------------------------------------------------------

  /**
   * Gives the agent one event and carries out its actions; none once the call is ending (both
   * agents answer nothing once their state has ended, a barge-in included).
   */
  void respond(DialogEvent event) {
    if (ended || ending()) {
      return;
    }
    DialogTurn turn;
    StreamedReply streamed = services.offlineBrains() ? null : new StreamedReply();
    try {
      turn =
          streamed == null
              ? record.brains().agent().respond(record.context().dialog(), state, event)
              : record.brains().agent().respond(record.context().dialog(), state, event, streamed);
    } catch (RuntimeException e) {
      log.error("call {}: the dialog agent failed on {}", sessionId, event, e);
      event("agent.error", Map.of("event", event.toString(), "error", e.toString()));
      if (!hangUpSent) {
        hangUp("agent_error");
      }
      return;
    }
    if (streamed != null) {
      streamed.finish();
    }
    state = turn.state();
    services.saveLiveState(sessionId, state);
    boolean spoke = streamed != null && streamed.utteranceId >= 0;
    for (AgentAction action : turn.actions()) {
      if (streamed != null && action instanceof AgentAction.Speak) {
        continue; // its sentences went out as they were written
      }
      spoke |= act(action);
    }
    if (!spoke && !hangUpSent && !calleeSpeaking) {
      armSilence();
    }
  }

  private boolean act(AgentAction action) {
    if (action instanceof AgentAction.Speak s) {
      speak(s.text(), s.interruptible());
      return true;
    } else if (action instanceof AgentAction.SendDtmf d) {
      services.send(sessionId, new SendDtmf(sessionId, d.digits()));
      services.observers().forEach(o -> o.digitsSent(taskId(), sessionId, d.digits()));
      event("conversation.dtmf_sent", Map.of("digits", d.digits()));
    } else if (action instanceof AgentAction.CallTool t) {
      event("agent.tool." + t.name(), Map.copyOf(t.args()));
    } else if (action instanceof AgentAction.RequestApproval r) {
      requestApproval(r);
    } else if (action instanceof AgentAction.Transfer t) {
      // The media protocol has no transfer; the owner is told to call back instead.
      event("conversation.transfer_requested", Map.of("to", t.number()));
      hangUp("transferred");
    } else if (action instanceof AgentAction.HangUp h) {
      hangUp(h.reason());
    } else if (action instanceof AgentAction.AddToDoNotCall d) {
      services.optOut(sessionId, d.reason());
    }
    return false;
  }

  private void speak(String text, boolean interruptible) {
    if (text == null || text.isBlank()) {
      return;
    }
    cancelSilence();
    int id = nextUtterance++;
    unsettled.put(id, new SpokenUtterance(id, text, System.nanoTime()));
    lastSpoken = id;
    services.send(sessionId, new Speak(sessionId, id, 0, true, interruptible, text));
    services.observers().forEach(o -> o.agentSaid(taskId(), sessionId, text));
  }

  private void hangUp(String reason) {
    if (decideHangUp(reason)) {
      services.send(sessionId, new Hangup(sessionId, reason));
    }
  }

  /** The agent ends the call: why is stored (before the node is told, if it is); once. */
  private boolean decideHangUp(String reason) {
    if (hangUpSent) {
      return false;
    }
    hangUpSent = true;
    cancelSilence();
    endReason = "no_response".equals(reason) && !record.calleeSpoke() ? "silent_line" : reason;
    // Stored before the node is told, so the provider's final callback already knows why.
    services.recordHangUpReason(sessionId, endReason);
    event("conversation.hang_up", Map.of("reason", reason));
    return true;
  }

  /**
   * Why the call ended, for settling the attempt: the agent's hang-up reason ({@code silent_line}
   * when it gave up on a line where nobody spoke), else {@code callee_ended}.
   */
  String endReason() {
    if (endReason != null) {
      return endReason;
    }
    return state.outcome() != null ? state.outcome() : "callee_ended";
  }

  /**
   * A model's reply going out sentence by sentence: each sentence is a SPEAK chunk of one utterance
   * as soon as it is written; the utterance is closed with an empty final chunk when the turn ends.
   */
  private final class StreamedReply implements SentenceSink {
    private int utteranceId = -1;
    private int chunk;
    private final StringBuilder text = new StringBuilder();

    @Override
    public void sentence(String sentence) {
      if (sentence == null || sentence.isBlank() || ended) {
        return;
      }
      if (utteranceId < 0) {
        cancelSilence();
        utteranceId = nextUtterance++;
        lastSpoken = utteranceId;
      }
      text.append(text.length() == 0 ? "" : " ").append(sentence.strip());
      unsettled.put(
          utteranceId, new SpokenUtterance(utteranceId, text.toString(), System.nanoTime()));
      services.send(sessionId, new Speak(sessionId, utteranceId, chunk++, false, true, sentence));
      services.observers().forEach(o -> o.agentSaid(taskId(), sessionId, sentence));
    }

    @Override
    public void discard() {
      if (utteranceId < 0) {
        return;
      }
      // The reply broke off: stop what is playing; the node reports how much of it was heard.
      services.send(sessionId, new Clear(sessionId));
      utteranceId = -1;
      chunk = 0;
      text.setLength(0);
    }

    @Override
    public boolean cancelled() {
      return bargeInPending;
    }

    void finish() {
      if (utteranceId >= 0) {
        services.send(sessionId, new Speak(sessionId, utteranceId, chunk++, true, true, ""));
      }
    }
  }

  // ---- approvals -----------------------------------------------------------------------------

  private void requestApproval(AgentAction.RequestApproval r) {
    UUID approvalId =
        services.requestApproval(record.context().task(), sessionId, r.amount(), r.reason());
    services
        .observers()
        .forEach(o -> o.approvalRequested(taskId(), sessionId, approvalId, r.amount(), r.reason()));
    approval =
        new ApprovalWait(
            services,
            approvalId,
            this::later,
            () -> services.expireApproval(record.organizationId(), taskId(), sessionId, approvalId),
            d -> {
              approval = null;
              respond(
                  new DialogEvent.ApprovalDecided(
                      d.approved(), d.timedOut() ? "no decision in time" : ""));
            });
  }

  // ---- silence -------------------------------------------------------------------------------

  private void armSilence() {
    cancelSilence();
    long ms = services.config().silenceTimeout().toMillis();
    silenceTimer =
        services
            .scheduler()
            .schedule(
                () ->
                    later(
                        () -> {
                          if (!calleeSpeaking && !hangUpSent) {
                            respond(new DialogEvent.SilenceTimeout((int) (ms / 1000)));
                          }
                        }),
                ms,
                TimeUnit.MILLISECONDS);
  }

  private void cancelSilence() {
    if (silenceTimer != null) {
      silenceTimer.cancel(false);
      silenceTimer = null;
    }
  }

  // ---- the record ----------------------------------------------------------------------------

  private void event(String type, Map<String, ?> detail) {
    record.event(type, detail);
  }
}
