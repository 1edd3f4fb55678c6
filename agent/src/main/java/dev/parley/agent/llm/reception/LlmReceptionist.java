package dev.parley.agent.llm.reception;

import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.ConversationState.Awaiting;
import dev.parley.agent.dialog.ConversationState.Phase;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.dialog.PhraseGuard;
import dev.parley.agent.dialog.Turn;
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
import dev.parley.agent.llm.dialog.DialogPrompt;
import dev.parley.agent.reception.ReceptionistAgent;
import dev.parley.agent.reception.ServiceDesk;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receptionist of a car-service centre driven by a chat model with the {@link ServiceDesk} as
 * tools ({@link ReceptionTools}). The model chooses the words and the order of things; code keeps
 * the calendar's guarantees: only times the desk returned are offered or booked, a confirmation
 * code is only said after a booking returned it ({@link SpokenFactsGuard}, sentence by sentence
 * before the caller hears it), and a desk change is never made twice or lost when a reply fails.
 * Invalid output is retried once with the reason; a second invalid answer, or a provider failure
 * once the HTTP retries are spent, hands the turn to the rule-based receptionist and reports a
 * {@link dev.parley.agent.llm.Fallback}. The greeting, silences, barge-ins and keys pressed need no
 * model. Stateless and thread-safe: what the desk said lives in the state's slots.
 */
public final class LlmReceptionist implements StreamingDialogAgent {

  private static final Logger LOG = LoggerFactory.getLogger(LlmReceptionist.class);

  /** Model calls per turn: look up, book, then speak, with one round to spare. */
  private static final int MAX_ROUNDS = 4;

  /** As the rule-based receptionist: a call this long is going nowhere. */
  private static final int MAX_AGENT_TURNS = 30;

  private final BrainModel model;
  private final ServiceDesk desk;
  private final ReceptionistAgent fallback;
  private final Clock clock;
  private final BrainListener listener;
  private final ReceptionTools tools;

  /**
   * @param model the chat model
   * @param desk the centre's desk, bound to this call
   * @param fallback answers when the model cannot (the rule-based receptionist on the same desk)
   * @param clock the current time, for the prompt and the slot search
   * @param listener hears usage and fallbacks
   */
  public LlmReceptionist(
      BrainModel model,
      ServiceDesk desk,
      ReceptionistAgent fallback,
      Clock clock,
      BrainListener listener) {
    this.model = model;
    this.desk = desk;
    this.fallback = fallback;
    this.clock = clock;
    this.listener = listener;
    this.tools = new ReceptionTools(desk);
  }

  @Override
  public StreamingDialogAgent reportingTo(BrainListener other) {
    return new LlmReceptionist(model, desk, fallback, clock, other);
  }

  @Override
  public DialogTurn respond(
      DialogContext c, ConversationState state, DialogEvent event, SentenceSink sink) {
    if (state.ended()) {
      return new DialogTurn(state, List.of());
    }
    TurnBuilder first = new TurnBuilder(state);
    if (!(event instanceof DialogEvent.CalleeSaid said)) {
      withoutModel(c, first, event);
      return deliver(first.finish(), sink);
    }
    DeskChanges changes = new DeskChanges();
    String correction = null;
    TurnBuilder previous = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      TurnBuilder t = attempt == 1 ? first : new TurnBuilder(state);
      heard(t, said.text());
      if (previous != null) {
        DeskMemory.carry(previous.slots, t.slots);
        changes.actions().forEach(t::act);
      }
      previous = t;
      DeskMemory memory = new DeskMemory(t.slots, desk.zone());
      ZonedDateTime now = now();
      SpeechStream speech =
          new SpeechStream(
              new SpokenFactsGuard(
                  new PhraseGuard(c.settings().forbiddenPhrases()),
                  memory,
                  now,
                  heardText(c, t),
                  answered(t.turns, t.turns.size())),
              sink,
              t,
              null);
      try {
        run(c, t, memory, changes, speech, correction, now);
        return t.finish();
      } catch (SpeechStream.Cancelled bargeIn) {
        LOG.debug("reception reply cut short by a barge-in");
        return t.finish();
      } catch (InvalidOutputException invalid) {
        abandon(speech, sink);
        LOG.info("reception model output invalid (attempt {}): {}", attempt, invalid.getMessage());
        correction = invalid.getMessage();
      } catch (LlmException failed) {
        abandon(speech, sink);
        return fallBack(
            c, state, event, sink, changes, t, failed.kind() + ": " + failed.getMessage());
      }
    }
    return fallBack(
        c, state, event, sink, changes, previous, "invalid output twice: " + correction);
  }

  private void run(
      DialogContext c,
      TurnBuilder t,
      DeskMemory memory,
      DeskChanges changes,
      SpeechStream speech,
      String correction,
      ZonedDateTime now)
      throws InvalidOutputException, LlmException {
    String phone = phone(c);
    String note = "";
    if (correction != null) {
      note =
          "[your previous reply was rejected and not heard: "
              + correction
              + "."
              + (changes.isEmpty()
                  ? ""
                  : " It already did this at the desk, which stands (do not do it again): "
                      + changes.note()
                      + ".")
              + " Reply again.]";
    }
    List<ChatMessage> messages = new ArrayList<>(DialogPrompt.messages(c, t.turns, note));
    for (int round = 1; ; round++) {
      String system =
          ReceptionPrompt.system(
              c.settings().agentName(), desk, phone, desk.customer(phone), now, memory);
      ChatResponse r;
      try {
        r =
            model.call(
                Brain.DIALOG,
                new ChatRequest(system, messages, tools.specs(), null),
                speech::delta,
                listener);
      } catch (SpokenFactsGuard.Rejected rejected) {
        throw new InvalidOutputException(rejected.getMessage());
      }
      try {
        speech.flush();
      } catch (SpokenFactsGuard.Rejected rejected) {
        throw new InvalidOutputException(rejected.getMessage());
      }
      List<ChatMessage> results = new ArrayList<>();
      boolean lookedUp = false;
      for (ToolCall call : r.toolCalls()) {
        results.add(
            new ChatMessage.ToolResult(
                call.id(), tools.apply(phone, t, memory, changes, call, now)));
        lookedUp |= !"end_call".equals(call.name());
      }
      if (!lookedUp || t.phase == Phase.ENDED) {
        break;
      }
      if (round == MAX_ROUNDS) {
        throw new InvalidOutputException("kept calling tools without answering the caller");
      }
      messages.add(new ChatMessage.Assistant(r.text(), r.toolCalls()));
      messages.addAll(results);
    }
    if (t.speech().isEmpty() && t.phase != Phase.ENDED) {
      throw new InvalidOutputException("the reply said nothing to the caller");
    }
    if (t.phase != Phase.ENDED && t.agentTurns + 1 >= MAX_AGENT_TURNS) {
      t.hangUp("too_long");
    }
  }

  /** Events that need no words from the model. */
  private void withoutModel(DialogContext c, TurnBuilder t, DialogEvent event) {
    if (event instanceof DialogEvent.CallAnswered) {
      t.phase = Phase.PURSUING;
      t.say(
          "Thank you for calling "
              + desk.businessName()
              + ". This is "
              + c.settings().agentName()
              + ", the centre's AI assistant. How can I help you today?");
    } else if (event instanceof DialogEvent.SilenceTimeout) {
      if (++t.silences >= 2) {
        t.say("I'll let you go. Thanks for calling " + desk.businessName() + ". Goodbye.");
        t.hangUp("no_response");
      } else {
        t.say("Are you still there?");
      }
    } else if (event instanceof DialogEvent.BargeIn barge) {
      for (int i = t.turns.size() - 1; i >= 0; i--) {
        if (t.turns.get(i).speaker() == Turn.Speaker.AGENT) {
          String heard = barge.heardText() == null ? "" : barge.heardText().trim();
          t.turns.set(i, new Turn(Turn.Speaker.AGENT, heard, true));
          break;
        }
      }
    } else if (event instanceof DialogEvent.DtmfReceived dtmf) {
      t.turns.add(new Turn(Turn.Speaker.SYSTEM, "[caller pressed " + dtmf.digits() + "]", false));
    }
  }

  private static void heard(TurnBuilder t, String text) {
    t.turns.add(new Turn(Turn.Speaker.CALLEE, text, false));
    t.silences = 0;
    if (t.phase == Phase.OPENING) {
      t.phase = Phase.PURSUING;
    }
    t.awaiting = Awaiting.ANSWER;
  }

  /**
   * The rule-based receptionist answers, taking up the times the model's last words offered (a yes
   * books the one offered, not the rules' own earliest), unless the desk was changed during the
   * failed attempts: then the caller is told what was done (the rules know nothing of it and would
   * ask again).
   */
  private DialogTurn fallBack(
      DialogContext c,
      ConversationState state,
      DialogEvent event,
      SentenceSink sink,
      DeskChanges changes,
      TurnBuilder failed,
      String reason) {
    LOG.warn("reception model failed: {}", reason);
    model.fellBack(Brain.DIALOG, reason, listener);
    if (changes.isEmpty()) {
      return remembered(fallback.takeOver(c, state, event, handover(state), sink));
    }
    TurnBuilder t = new TurnBuilder(state);
    heard(t, ((DialogEvent.CalleeSaid) event).text());
    DeskMemory.carry(failed.slots, t.slots);
    changes.actions().forEach(t::act);
    changes.sentences().forEach(t::say);
    t.say("Is there anything else I can help you with?");
    return deliver(t.finish(), sink);
  }

  /**
   * What the model had in hand for the rules: the service it found open times for and those of the
   * times that its last words offered, read as the caller heard them.
   */
  private ReceptionistAgent.Handover handover(ConversationState state) {
    DeskMemory memory = new DeskMemory(new LinkedHashMap<>(state.slots()), desk.zone());
    String service = memory.offeredService();
    if (service == null) {
      return ReceptionistAgent.Handover.NONE;
    }
    List<Turn> turns = state.turns();
    int last = turns.size() - 1;
    while (last >= 0 && turns.get(last).speaker() != Turn.Speaker.AGENT) {
      last--;
    }
    if (last < 0) {
      return new ReceptionistAgent.Handover(service, List.of());
    }
    List<HeardTimes.DayTime> said =
        new HeardTimes(now(), answered(turns, last)).words(turns.get(last).text());
    return new ReceptionistAgent.Handover(
        service,
        memory.offeredAt().stream()
            .filter(o -> said.stream().anyMatch(t -> t.means(o.toLocalDateTime())))
            .sorted()
            .toList());
  }

  /**
   * The rules' turn, with a booking it made written into the model's desk memory, so that the model
   * may read its code and time back on a later turn.
   */
  private DialogTurn remembered(DialogTurn turn) {
    TurnBuilder t = new TurnBuilder(turn.state());
    DeskMemory memory = new DeskMemory(t.slots, desk.zone());
    String appointment = null;
    ZonedDateTime start = null;
    for (AgentAction a : turn.actions()) {
      if (a instanceof AgentAction.CallTool call && call.name().equals("appointment_booked")) {
        appointment = call.args().get("appointment_id");
        start = ZonedDateTime.parse(call.args().get("start"));
      } else if (a instanceof AgentAction.CallTool call
          && call.name().equals("record_fact")
          && "confirmation_code".equals(call.args().get("key"))
          && appointment != null) {
        memory.booked(appointment, start, call.args().get("value"));
      }
    }
    // Nothing said and nothing asked for: finish() gives back the state with the memory added.
    return appointment == null ? turn : new DialogTurn(t.finish().state(), turn.actions());
  }

  /**
   * The words {@code turns[upTo]} answers, in the order said: the agent's last utterance before it
   * and what was said after that (the caller's words), for {@link HeardTimes}.
   */
  private static String answered(List<Turn> turns, int upTo) {
    int from = upTo - 1;
    while (from >= 0 && turns.get(from).speaker() != Turn.Speaker.AGENT) {
      from--;
    }
    StringBuilder b = new StringBuilder();
    for (int i = Math.max(from, 0); i < upTo; i++) {
      b.append(turns.get(i).text()).append('\n');
    }
    return b.toString();
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

  /** The caller's words on the call and their vehicles on file, which may be said back. */
  private String heardText(DialogContext c, TurnBuilder t) {
    StringBuilder b = new StringBuilder();
    for (Turn turn : t.turns) {
      if (turn.speaker() == Turn.Speaker.CALLEE) {
        b.append(turn.text()).append('\n');
      }
    }
    desk.customer(phone(c))
        .ifPresent(x -> x.vehicles().forEach(v -> b.append(v.description()).append('\n')));
    return b.toString();
  }

  private ZonedDateTime now() {
    return ZonedDateTime.now(clock).withZoneSameInstant(desk.zone());
  }

  private static String phone(DialogContext c) {
    String p = c.plan().targetPhone();
    return p == null ? "" : p;
  }
}
