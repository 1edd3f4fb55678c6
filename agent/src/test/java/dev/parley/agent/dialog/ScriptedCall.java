package dev.parley.agent.dialog;

import dev.parley.agent.planning.AssistantSettings;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.PlanningFixtures;
import dev.parley.agent.planning.RuleBasedCallPlanner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link DialogAgent} through a scripted call and keeps every action it took. */
public final class ScriptedCall {

  public static final Clock CLOCK =
      Clock.fixed(PlanningFixtures.NOW.toInstant(), PlanningFixtures.NY);

  private final DialogAgent agent = new RuleBasedDialogAgent(CLOCK);
  private final DialogContext context;
  private ConversationState state = ConversationState.initial();
  private final List<AgentAction> all = new ArrayList<>();

  public ScriptedCall(String instruction) {
    this(instruction, PlanningFixtures.SETTINGS);
  }

  public ScriptedCall(String instruction, AssistantSettings settings) {
    CallPlan plan =
        new RuleBasedCallPlanner()
            .plan(
                instruction,
                new dev.parley.agent.planning.PlanningContext(
                    PlanningFixtures.OWNER, PlanningFixtures.CONTACTS, settings),
                PlanningFixtures.NOW);
    this.context = new DialogContext(plan, PlanningFixtures.OWNER, settings);
  }

  public List<AgentAction> send(DialogEvent event) {
    DialogTurn turn = agent.respond(context, state, event);
    state = turn.state();
    all.addAll(turn.actions());
    return turn.actions();
  }

  public List<AgentAction> answer() {
    return send(new DialogEvent.CallAnswered());
  }

  public List<AgentAction> say(String calleeText) {
    return send(new DialogEvent.CalleeSaid(calleeText));
  }

  /** The single utterance of a turn's actions, or null. */
  public static String spoken(List<AgentAction> actions) {
    String out = null;
    for (AgentAction a : actions) {
      if (a instanceof AgentAction.Speak s) {
        if (out != null) {
          throw new AssertionError("more than one Speak in one turn: " + actions);
        }
        out = s.text();
      }
    }
    return out;
  }

  public ConversationState state() {
    return state;
  }

  public CallPlan plan() {
    return context.plan();
  }

  public DialogContext context() {
    return context;
  }

  public List<AgentAction> allActions() {
    return all;
  }
}
