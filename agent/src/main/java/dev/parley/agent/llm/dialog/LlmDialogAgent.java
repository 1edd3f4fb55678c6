package dev.parley.agent.llm.dialog;

import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.ConversationState.Awaiting;
import dev.parley.agent.dialog.ConversationState.Phase;
import dev.parley.agent.dialog.DialogAgent;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.dialog.Slots;
import dev.parley.agent.dialog.Turn;
import dev.parley.agent.language.CallSignal;
import dev.parley.agent.language.CallSignalDetector;
import dev.parley.agent.language.OptOutDetector;
import dev.parley.agent.llm.Brain;
import dev.parley.agent.llm.BrainListener;
import dev.parley.agent.llm.BrainModel;
import dev.parley.agent.llm.InvalidOutputException;
import dev.parley.agent.llm.SentenceSink;
import dev.parley.agent.llm.SentenceSplitter;
import dev.parley.agent.llm.SpeechStream;
import dev.parley.agent.llm.StreamingDialogAgent;
import dev.parley.agent.llm.TurnBuilder;
import dev.parley.agent.llm.client.ChatMessage;
import dev.parley.agent.llm.client.ChatRequest;
import dev.parley.agent.llm.client.ChatResponse;
import dev.parley.agent.llm.client.LlmException;
import dev.parley.agent.llm.client.ToolCall;
import dev.parley.agent.planning.PersonalField;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dialog agent driven by a chat model with the rule-based agent's actions as tools. The model
 * sees the plan in its system prompt and the call so far from {@link ConversationState#turns()}
 * (barge-ins already cut to what was heard); its words stream into a {@link SentenceSink} sentence
 * by sentence through the output guard. Invalid output is retried once with the reason; a second
 * invalid answer, or a provider failure once the HTTP retries are spent, hands the turn to the
 * fallback agent and reports a {@link dev.parley.agent.llm.Fallback}. Events that need no words
 * (barge-in, keys pressed, a voicemail greeting) are handled without the model. Stateless and
 * thread-safe.
 */
public final class LlmDialogAgent implements StreamingDialogAgent {

  private static final Logger LOG = LoggerFactory.getLogger(LlmDialogAgent.class);

  /** Model calls per turn: a reply may need one round of tool results before the words. */
  private static final int MAX_ROUNDS = 3;

  /** The rule-based agent's limit: a call this long is going nowhere. */
  private static final int MAX_AGENT_TURNS = 30;

  /** Silences in a row after which the callee is gone. */
  private static final int MAX_SILENCES = 3;

  private final BrainModel model;
  private final DialogAgent fallback;
  private final Clock clock;
  private final BrainListener listener;
  private final DialogTools tools = new DialogTools();
  private final OptOutDetector optOut = new OptOutDetector();
  private final CallSignalDetector signals = new CallSignalDetector();

  /**
   * @param model the chat model
   * @param fallback answers when the model cannot (the rule-based agent)
   * @param clock the current time for the prompt
   * @param listener hears usage and fallbacks
   */
  public LlmDialogAgent(
      BrainModel model, DialogAgent fallback, Clock clock, BrainListener listener) {
    this.model = model;
    this.fallback = fallback;
    this.clock = clock;
    this.listener = listener;
  }

  /** The same agent reporting to {@code other}, e.g. one call's ledger. */
  public LlmDialogAgent withListener(BrainListener other) {
    return new LlmDialogAgent(model, fallback, clock, other);
  }

  @Override
  public StreamingDialogAgent reportingTo(BrainListener other) {
    return withListener(other);
  }

  @Override
  public DialogTurn respond(
      DialogContext c, ConversationState state, DialogEvent event, SentenceSink sink) {
    if (state.ended()) {
      return new DialogTurn(state, List.of());
    }
    Prepared first = prepare(c, state, event);
    if (first.note == null) {
      return deliver(first.turn.finish(), sink);
    }
    String correction = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      Prepared p = attempt == 1 ? first : prepare(c, state, event);
      SpeechStream speech =
          new SpeechStream(new OutputGuard(c), sink, p.turn, p.disclose ? disclosure(c) : null);
      try {
        run(c, event, p, speech, correction);
        return p.turn.finish();
      } catch (SpeechStream.Cancelled bargeIn) {
        LOG.debug("dialog reply cut short by a barge-in");
        return p.turn.finish();
      } catch (InvalidOutputException invalid) {
        abandon(speech, sink);
        LOG.info("dialog model output invalid (attempt {}): {}", attempt, invalid.getMessage());
        correction = invalid.getMessage();
      } catch (LlmException failed) {
        abandon(speech, sink);
        return fallBack(c, state, event, sink, failed.kind() + ": " + failed.getMessage());
      }
    }
    return fallBack(c, state, event, sink, "invalid output twice: " + correction);
  }

  private void run(
      DialogContext c, DialogEvent event, Prepared p, SpeechStream speech, String correction)
      throws InvalidOutputException, LlmException {
    TurnBuilder t = p.turn;
    String system = DialogPrompt.system(c, t.slots, now(c));
    String note = p.note;
    if (correction != null) {
      note =
          (note.isEmpty() ? "" : note + "\n")
              + "[your previous reply was rejected: "
              + correction
              + ". Reply again.]";
    }
    List<ChatMessage> messages = new ArrayList<>(DialogPrompt.messages(c, t.turns, note));
    for (int round = 1; ; round++) {
      ChatResponse r =
          model.call(
              Brain.DIALOG,
              new ChatRequest(system, messages, DialogTools.specs(c), null),
              speech::delta,
              listener);
      speech.flush();
      List<ChatMessage> results = new ArrayList<>();
      for (ToolCall call : r.toolCalls()) {
        results.add(new ChatMessage.ToolResult(call.id(), tools.apply(c, t, call)));
      }
      boolean onlyFacts =
          !r.toolCalls().isEmpty()
              && r.toolCalls().stream().allMatch(x -> "record_fact".equals(x.name()));
      if (!onlyFacts || !r.text().isBlank()) {
        break;
      }
      if (round == MAX_ROUNDS) {
        throw new InvalidOutputException("kept recording facts without replying to the callee");
      }
      messages.add(new ChatMessage.Assistant(r.text(), r.toolCalls()));
      messages.addAll(results);
    }
    boolean acted =
        !t.speech().isEmpty()
            || t.actions().stream().anyMatch(a -> !(a instanceof AgentAction.CallTool));
    if (!acted) {
      throw new InvalidOutputException("the reply said nothing and did nothing");
    }
    enforce(c, event, t);
  }

  /** Rules the model must not be trusted with alone. */
  private void enforce(DialogContext c, DialogEvent event, TurnBuilder t) {
    if (event instanceof DialogEvent.CalleeSaid said
        && optOut.detect(said.text()).isPresent()
        && !t.has(AgentAction.AddToDoNotCall.class)) {
      t.act(new AgentAction.AddToDoNotCall(c.plan().targetPhone(), said.text()));
      if (t.phase != Phase.ENDED) {
        t.hangUp("opt_out");
      }
    }
    if (event instanceof DialogEvent.VoicemailBeep && t.phase != Phase.ENDED) {
      t.hangUp("voicemail_left");
    }
    if (t.phase != Phase.ENDED && t.agentTurns + 1 >= MAX_AGENT_TURNS) {
      t.hangUp("too_long");
    }
  }

  private DialogTurn fallBack(
      DialogContext c,
      ConversationState state,
      DialogEvent event,
      SentenceSink sink,
      String reason) {
    LOG.warn("dialog model failed, rule-based agent answers: {}", reason);
    model.fellBack(Brain.DIALOG, reason, listener);
    return deliver(fallback.respond(c, state, event), sink);
  }

  /** Hands a turn's words to the sink when they did not stream there. */
  private static DialogTurn deliver(DialogTurn turn, SentenceSink sink) {
    for (AgentAction a : turn.actions()) {
      if (a instanceof AgentAction.Speak s) {
        SentenceSplitter.split(s.text()).forEach(sink::sentence);
      }
    }
    return turn;
  }

  private static void abandon(SpeechStream speech, SentenceSink sink) {
    if (speech.delivered()) {
      sink.discard();
    }
  }

  private ZonedDateTime now(DialogContext c) {
    return ZonedDateTime.now(clock).withZoneSameInstant(c.owner().timeZone());
  }

  private static String disclosure(DialogContext c) {
    String owner =
        c.settings().mayShare(PersonalField.FULL_NAME)
            ? c.owner().fullName()
            : c.owner().firstName();
    return "Hi, this is "
        + c.settings().agentName()
        + ", an AI assistant calling on behalf of "
        + owner
        + ".";
  }

  /**
   * The event applied to a fresh copy of the state; {@code note} is what to tell the model, or null
   * when the turn needs no model.
   */
  private record Prepared(TurnBuilder turn, String note, boolean disclose) {}

  private Prepared prepare(DialogContext c, ConversationState state, DialogEvent event) {
    TurnBuilder t = new TurnBuilder(state);
    if (event instanceof DialogEvent.CallAnswered) {
      t.phase = Phase.OPENING;
      t.awaiting = Awaiting.GREETING_REPLY;
      t.interruptible = false;
      return new Prepared(t, "[call event: the callee picked up; open the call]", true);
    }
    if (event instanceof DialogEvent.CalleeSaid said) {
      t.turns.add(new Turn(Turn.Speaker.CALLEE, said.text(), false));
      t.silences = 0;
      if (t.phase == Phase.VOICEMAIL) {
        return new Prepared(t, null, false);
      }
      boolean beforeHuman = t.phase == Phase.OPENING || t.phase == Phase.MENU;
      if (beforeHuman && signals.detect(said.text()).contains(CallSignal.VOICEMAIL_GREETING)) {
        t.phase = Phase.VOICEMAIL;
        if (!c.settings().leaveVoicemail()) {
          t.hangUp("voicemail_skipped");
        }
        return new Prepared(t, null, false);
      }
      if (t.phase == Phase.OPENING) {
        t.phase = Phase.PURSUING;
        t.awaiting = Awaiting.ANSWER;
      }
      return new Prepared(t, "", false);
    }
    if (event instanceof DialogEvent.BargeIn barge) {
      for (int i = t.turns.size() - 1; i >= 0; i--) {
        if (t.turns.get(i).speaker() == Turn.Speaker.AGENT) {
          String heard = barge.heardText() == null ? "" : barge.heardText().trim();
          t.turns.set(i, new Turn(Turn.Speaker.AGENT, heard, true));
          break;
        }
      }
      return new Prepared(t, null, false);
    }
    if (event instanceof DialogEvent.DtmfReceived dtmf) {
      t.turns.add(new Turn(Turn.Speaker.SYSTEM, "[callee pressed " + dtmf.digits() + "]", false));
      return new Prepared(t, null, false);
    }
    if (event instanceof DialogEvent.SilenceTimeout silence) {
      t.silences++;
      if (t.silences > MAX_SILENCES) {
        t.hangUp("no_response");
        return new Prepared(t, null, false);
      }
      return new Prepared(
          t,
          "[call event: "
              + silence.seconds()
              + " seconds of silence ("
              + t.silences
              + " in a row); after "
              + MAX_SILENCES
              + " the call ends as no_response]",
          false);
    }
    if (event instanceof DialogEvent.ApprovalDecided decided) {
      if (t.phase != Phase.AWAITING_APPROVAL) {
        return new Prepared(t, null, false);
      }
      String price = t.slots.getOrDefault(Slots.PRICE, "");
      t.phase = Phase.PURSUING;
      t.awaiting = Awaiting.NOTHING;
      t.remember(Slots.APPROVAL, (decided.approved() ? "approved:" : "declined:") + price);
      String text =
          "the owner "
              + (decided.approved() ? "approved" : "declined")
              + " the amount "
              + price
              + (decided.note() == null ? "" : "; their note: " + decided.note());
      t.turns.add(new Turn(Turn.Speaker.SYSTEM, "[" + text + "]", false));
      return new Prepared(
          t,
          decided.approved()
              ? "[call event: go on with the booking at that price]"
              : "[call event: decline politely and end the call with approval_declined]",
          false);
    }
    // VoicemailBeep
    if (t.phase != Phase.VOICEMAIL && t.phase != Phase.OPENING && t.phase != Phase.MENU) {
      return new Prepared(t, null, false);
    }
    if (!c.settings().leaveVoicemail()) {
      t.hangUp("voicemail_skipped");
      return new Prepared(t, null, false);
    }
    t.phase = Phase.VOICEMAIL;
    t.interruptible = false;
    t.turns.add(new Turn(Turn.Speaker.SYSTEM, "[voicemail beep: recording]", false));
    return new Prepared(t, "[call event: leave your voicemail message now]", true);
  }
}
