package dev.parley.agent.dialog;

import dev.parley.agent.dialog.ConversationState.Awaiting;
import dev.parley.agent.dialog.ConversationState.Phase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A mutable working copy of one turn: state in, actions collected, state out. */
final class Session {

  Phase phase;
  final List<Turn> turns;
  final Map<String, String> slots;
  Awaiting awaiting;
  int questionIndex;
  int silences;
  int menus;
  int setbacks;
  int agentTurns;
  String outcome;

  /** Tool calls go first, then the one utterance of the turn, then everything else. */
  private final List<AgentAction> tools = new ArrayList<>();

  private final List<AgentAction> actions = new ArrayList<>();
  private final PhraseGuard guard;
  private final StringBuilder speech = new StringBuilder();
  private boolean speechInterruptible = true;
  private boolean spoke;

  Session(ConversationState s, PhraseGuard guard) {
    this.phase = s.phase();
    this.turns = new ArrayList<>(s.turns());
    this.slots = new LinkedHashMap<>(s.slots());
    this.awaiting = s.awaiting();
    this.questionIndex = s.questionIndex();
    this.silences = s.silences();
    this.menus = s.menus();
    this.setbacks = s.setbacks();
    this.agentTurns = s.agentTurns();
    this.outcome = s.outcome();
    this.guard = guard;
  }

  /** Queues words; consecutive sentences in one turn become one utterance. */
  void say(String text) {
    say(text, true);
  }

  void say(String text, boolean interruptible) {
    String clean = guard.clean(text);
    if (clean.isEmpty()) {
      return;
    }
    if (speech.length() > 0) {
      speech.append(' ');
    }
    speech.append(clean);
    speechInterruptible &= interruptible;
    spoke = true;
  }

  /** True once anything was said this turn. */
  boolean spoke() {
    return spoke;
  }

  void act(AgentAction action) {
    actions.add(action);
  }

  void hangUp(String reason) {
    act(new AgentAction.HangUp(reason));
    phase = Phase.ENDED;
    awaiting = Awaiting.NOTHING;
    outcome = reason;
  }

  void heard(String text) {
    turns.add(new Turn(Turn.Speaker.CALLEE, text, false));
  }

  /** Records a collected fact and tells the control plane, so it survives a dropped call. */
  void remember(String key, String value) {
    if (value.equals(slots.get(key))) {
      return;
    }
    slots.put(key, value);
    tools.add(new AgentAction.CallTool("record_fact", Map.of("key", key, "value", value)));
  }

  String lastAgentUtterance() {
    for (int i = turns.size() - 1; i >= 0; i--) {
      if (turns.get(i).speaker() == Turn.Speaker.AGENT) {
        return turns.get(i).text();
      }
    }
    return null;
  }

  DialogTurn finish() {
    List<AgentAction> all = new ArrayList<>(tools);
    if (speech.length() > 0) {
      String text = speech.toString();
      all.add(new AgentAction.Speak(text, speechInterruptible));
      turns.add(new Turn(Turn.Speaker.AGENT, text, false));
      agentTurns++;
    }
    all.addAll(actions);
    return new DialogTurn(
        new ConversationState(
            phase,
            turns,
            slots,
            awaiting,
            questionIndex,
            silences,
            menus,
            setbacks,
            agentTurns,
            outcome),
        List.copyOf(all));
  }
}
