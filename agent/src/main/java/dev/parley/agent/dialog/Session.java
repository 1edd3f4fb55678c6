package dev.parley.agent.dialog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A mutable working copy of one turn: state in, actions collected, state out. */
final class Session extends WorkingState {

  /** Tool calls go first, then the one utterance of the turn, then everything else. */
  private final List<AgentAction> tools = new ArrayList<>();

  private final List<AgentAction> actions = new ArrayList<>();
  private final PhraseGuard guard;
  private final StringBuilder speech = new StringBuilder();
  private boolean speechInterruptible = true;
  private boolean spoke;

  Session(ConversationState s, PhraseGuard guard) {
    super(s);
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
    ended(reason);
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
    return finish(tools, speech.toString(), speechInterruptible, actions);
  }
}
