package dev.parley.agent.dialog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the dialog agent remembers between turns. Only strings, numbers, enums, lists and maps
 * of those, so the control plane can store it in Redis as JSON with any mapper (Jackson handles
 * records directly).
 *
 * @param phase where the call is
 * @param turns the conversation so far
 * @param slots facts collected on the call (keys in {@link Slots}); times as ISO-8601 strings
 * @param awaiting what the agent's last question was about
 * @param questionIndex how many of the plan's extra questions have been asked
 * @param silences consecutive silence timeouts
 * @param menus automated menus answered so far
 * @param setbacks offers refused or "fully booked" answers so far
 * @param agentTurns utterances the agent has made
 * @param outcome how the call ended, once it has
 */
public record ConversationState(
    Phase phase,
    List<Turn> turns,
    Map<String, String> slots,
    Awaiting awaiting,
    int questionIndex,
    int silences,
    int menus,
    int setbacks,
    int agentTurns,
    String outcome) {

  /** Compact canonical constructor: defensive copies keep stored states immutable. */
  public ConversationState {
    turns = List.copyOf(turns);
    slots = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slots));
  }

  /** The state of a call not yet answered. */
  public static ConversationState initial() {
    return new ConversationState(
        Phase.DIALING, List.of(), Map.of(), Awaiting.NOTHING, 0, 0, 0, 0, 0, null);
  }

  /** True once the agent has hung up. */
  public boolean ended() {
    return phase == Phase.ENDED;
  }

  /** Where a call is. */
  public enum Phase {
    DIALING,
    OPENING,
    MENU,
    PURSUING,
    AWAITING_APPROVAL,
    CONFIRMING,
    VOICEMAIL,
    ENDED
  }

  /** What the agent is waiting to hear. */
  public enum Awaiting {
    NOTHING,
    GREETING_REPLY,
    OFFER,
    PRICE,
    CONFIRMATION_CODE,
    READBACK,
    ANSWER,
    ACKNOWLEDGEMENT,
    INSTRUCTIONS,
    PLAN_QUESTION,
    APPROVAL
  }
}
