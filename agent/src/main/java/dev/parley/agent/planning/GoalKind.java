package dev.parley.agent.planning;

import java.util.Locale;

/** What kind of outcome a call is for. Wire names are the lower-case constant names. */
public enum GoalKind {
  BOOK_APPOINTMENT,
  MAKE_RESERVATION,
  GET_QUOTE,
  CANCEL,
  RESCHEDULE,
  ASK_QUESTION,
  REMINDER,
  COMPLAINT,
  OTHER;

  /** The wire name, e.g. {@code book_appointment}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; unknown names are {@link #OTHER}. */
  public static GoalKind fromWireName(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return OTHER;
    }
  }
}
