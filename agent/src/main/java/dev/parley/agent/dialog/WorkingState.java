package dev.parley.agent.dialog;

import dev.parley.agent.dialog.ConversationState.Awaiting;
import dev.parley.agent.dialog.ConversationState.Phase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link ConversationState} as one turn of an agent edits it: a mutable copy of its fields, and
 * the one place that turns them back into a state and a {@link DialogTurn}. The rule-based agents'
 * and the LLM agents' turn builders extend it. One turn, one thread.
 */
public abstract class WorkingState {

  public Phase phase;
  public final List<Turn> turns;
  public final Map<String, String> slots;
  public Awaiting awaiting;
  // Only the outbound rules ask plan questions and count setbacks (GoalPursuit, this package);
  // every other agent carries them through unchanged.
  int questionIndex;
  int setbacks;
  public int silences;
  public int menus;
  public int agentTurns;
  public String outcome;

  /** A working copy of {@code s}. */
  protected WorkingState(ConversationState s) {
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
  }

  /** Marks the call ended for {@code reason}; the hang-up action, if any, is the caller's. */
  protected final void ended(String reason) {
    phase = Phase.ENDED;
    awaiting = Awaiting.NOTHING;
    outcome = reason;
  }

  /**
   * The turn: {@code before}, then the turn's one utterance (also added to the conversation as the
   * agent's turn, when there is one), then {@code after}.
   *
   * @param speech the words said this turn, empty for none
   */
  protected final DialogTurn finish(
      List<AgentAction> before, String speech, boolean interruptible, List<AgentAction> after) {
    List<AgentAction> all = new ArrayList<>(before);
    if (!speech.isEmpty()) {
      all.add(new AgentAction.Speak(speech, interruptible));
      turns.add(new Turn(Turn.Speaker.AGENT, speech, false));
      agentTurns++;
    }
    all.addAll(after);
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
