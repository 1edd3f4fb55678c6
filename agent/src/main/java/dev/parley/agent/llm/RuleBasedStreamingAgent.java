package dev.parley.agent.llm;

import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogAgent;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;

/**
 * Any {@link DialogAgent} behind the streaming contract: the turn is computed whole, then its words
 * go to the sink sentence by sentence. What the offline provider hands the control plane, so it
 * drives every agent the same way.
 */
final class RuleBasedStreamingAgent implements StreamingDialogAgent {

  private final DialogAgent agent;

  RuleBasedStreamingAgent(DialogAgent agent) {
    this.agent = agent;
  }

  @Override
  public DialogTurn respond(
      DialogContext context, ConversationState state, DialogEvent event, SentenceSink sink) {
    DialogTurn turn = agent.respond(context, state, event);
    for (AgentAction a : turn.actions()) {
      if (a instanceof AgentAction.Speak s) {
        SentenceSplitter.split(s.text()).forEach(sink::sentence);
      }
    }
    return turn;
  }
}
