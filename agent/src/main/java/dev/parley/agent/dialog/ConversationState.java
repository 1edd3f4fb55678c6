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

  /**
   * The state as a tree of maps, lists, strings and numbers with snake_case keys, for stores that
   * do not map records (Jackson maps the record directly and gives the same content).
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phase", phase.name().toLowerCase(java.util.Locale.ROOT));
    List<Map<String, Object>> t = new java.util.ArrayList<>();
    for (Turn turn : turns) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("speaker", turn.speaker().name().toLowerCase(java.util.Locale.ROOT));
      e.put("text", turn.text());
      e.put("interrupted", turn.interrupted());
      t.add(e);
    }
    m.put("turns", t);
    m.put("slots", new LinkedHashMap<>(slots));
    m.put("awaiting", awaiting.name().toLowerCase(java.util.Locale.ROOT));
    m.put("question_index", questionIndex);
    m.put("silences", silences);
    m.put("menus", menus);
    m.put("setbacks", setbacks);
    m.put("agent_turns", agentTurns);
    m.put("outcome", outcome);
    return m;
  }

  /**
   * Reads a tree written by {@link #toMap()}.
   *
   * @throws IllegalArgumentException when a value has the wrong type or an unknown name
   */
  @SuppressWarnings("unchecked")
  public static ConversationState fromMap(Map<String, Object> m) {
    try {
      List<Turn> turns = new java.util.ArrayList<>();
      for (Object o : (List<Object>) m.getOrDefault("turns", List.of())) {
        Map<String, Object> e = (Map<String, Object>) o;
        turns.add(
            new Turn(
                Turn.Speaker.valueOf(
                    ((String) e.get("speaker")).toUpperCase(java.util.Locale.ROOT)),
                (String) e.get("text"),
                Boolean.TRUE.equals(e.get("interrupted"))));
      }
      Map<String, String> slots = new LinkedHashMap<>();
      ((Map<String, Object>) m.getOrDefault("slots", Map.of()))
          .forEach((k, v) -> slots.put(k, String.valueOf(v)));
      return new ConversationState(
          Phase.valueOf(((String) m.get("phase")).toUpperCase(java.util.Locale.ROOT)),
          turns,
          slots,
          Awaiting.valueOf(((String) m.get("awaiting")).toUpperCase(java.util.Locale.ROOT)),
          number(m, "question_index"),
          number(m, "silences"),
          number(m, "menus"),
          number(m, "setbacks"),
          number(m, "agent_turns"),
          (String) m.get("outcome"));
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new IllegalArgumentException("conversation state is malformed: " + e.getMessage(), e);
    }
  }

  private static int number(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? 0 : ((Number) v).intValue();
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
