package dev.parley.agent.llm;

import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.dialog.WorkingState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A working copy of one turn of an LLM agent (the outbound dialog agent, the receptionist): the
 * state it started from, the actions the model's tools asked for, and the words it said. Nothing
 * reaches the caller until {@link #finish()}, so a failed attempt leaves no trace. The fields are
 * the state being edited; one turn, one thread.
 */
public final class TurnBuilder extends WorkingState {

  public boolean interruptible = true;

  private final List<AgentAction> actions = new ArrayList<>();
  private final StringBuilder speech = new StringBuilder();

  /** A working copy of {@code s}. */
  public TurnBuilder(ConversationState s) {
    super(s);
  }

  /** Adds one sentence to the turn's single utterance. */
  public void say(String sentence) {
    if (speech.length() > 0) {
      speech.append(' ');
    }
    speech.append(sentence);
  }

  /** The words said so far this turn. */
  public String speech() {
    return speech.toString();
  }

  /** Adds an action. */
  public void act(AgentAction action) {
    actions.add(action);
  }

  /** The actions so far, in the order they were asked for. */
  public List<AgentAction> actions() {
    return actions;
  }

  /** Records a fact in the slots and tells the control plane, unless it is already known. */
  public void remember(String key, String value) {
    if (value.equals(slots.get(key))) {
      return;
    }
    slots.put(key, value);
    actions.add(new AgentAction.CallTool("record_fact", Map.of("key", key, "value", value)));
  }

  /** Ends the call after this turn's words. */
  public void hangUp(String reason) {
    actions.add(new AgentAction.HangUp(reason));
    end(reason);
  }

  /** Marks the call ended without a hang-up action (a transfer ends it too). */
  public void end(String reason) {
    ended(reason);
  }

  /** Whether an action of {@code kind} was asked for. */
  public boolean has(Class<? extends AgentAction> kind) {
    return actions.stream().anyMatch(kind::isInstance);
  }

  /**
   * The turn: recorded facts first, then the one utterance, then the other actions with the ones
   * that end the call last, whatever order the model called its tools in.
   */
  public DialogTurn finish() {
    List<AgentAction> ordered = new ArrayList<>(actions);
    ordered.sort(Comparator.comparingInt(TurnBuilder::rank));
    int calls = 0;
    while (calls < ordered.size() && ordered.get(calls) instanceof AgentAction.CallTool) {
      calls++;
    }
    return finish(
        ordered.subList(0, calls),
        speech.toString(),
        interruptible,
        ordered.subList(calls, ordered.size()));
  }

  private static int rank(AgentAction a) {
    if (a instanceof AgentAction.CallTool) {
      return 0;
    }
    if (a instanceof AgentAction.SendDtmf) {
      return 1;
    }
    if (a instanceof AgentAction.RequestApproval) {
      return 2;
    }
    if (a instanceof AgentAction.AddToDoNotCall) {
      return 3;
    }
    if (a instanceof AgentAction.Transfer) {
      return 4;
    }
    return 5;
  }
}
