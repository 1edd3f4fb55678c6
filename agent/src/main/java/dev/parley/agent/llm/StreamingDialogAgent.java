package dev.parley.agent.llm;

import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogAgent;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;

/**
 * A {@link DialogAgent} that also hands its words over sentence by sentence as they are produced,
 * so speech can start before the reply is complete.
 */
public interface StreamingDialogAgent extends DialogAgent {

  /**
   * Responds to one event, streaming its words into {@code sink} (see {@link SentenceSink} for the
   * contract between the sink and the returned turn).
   */
  DialogTurn respond(
      DialogContext context, ConversationState state, DialogEvent event, SentenceSink sink);

  /**
   * The same agent reporting model usage and fallbacks to {@code listener} (one call's ledger);
   * agents that call no model return themselves.
   */
  default StreamingDialogAgent reportingTo(BrainListener listener) {
    return this;
  }

  @Override
  default DialogTurn respond(DialogContext context, ConversationState state, DialogEvent event) {
    return respond(context, state, event, SentenceSink.NONE);
  }
}
