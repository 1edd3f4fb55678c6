package dev.parley.agent.dialog;

/**
 * Holds a phone conversation one event at a time. Implementations keep no per-call memory: all of
 * it is in the {@link ConversationState} passed in and returned, so any instance can serve any
 * turn.
 */
public interface DialogAgent {

  /**
   * Responds to one event.
   *
   * @param context the plan, owner and settings of this call
   * @param state the state returned by the previous turn, or {@link ConversationState#initial()}
   * @param event what happened
   */
  DialogTurn respond(DialogContext context, ConversationState state, DialogEvent event);
}
