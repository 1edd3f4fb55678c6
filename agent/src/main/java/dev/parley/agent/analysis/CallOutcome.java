package dev.parley.agent.analysis;

import java.util.Locale;

/** How a call ended, as far as its goal is concerned. Wire names are lower-case. */
public enum CallOutcome {
  /** The goal was met and confirmed. */
  COMPLETED,
  /** Some of the goal was met (a time but no confirmation, a promise to call back). */
  PARTIAL,
  /** A person was reached but the goal was not met. */
  NOT_ACHIEVED,
  /** The business had nothing available. */
  UNAVAILABLE,
  /** The price was over the limit and the owner declined it. */
  DECLINED_BY_OWNER,
  /** Voicemail answered (a message may have been left). */
  VOICEMAIL,
  /** Nobody said anything. */
  NO_ANSWER,
  /** The number does not reach the intended party. */
  WRONG_NUMBER,
  /** The callee asked not to be called again. */
  OPTED_OUT,
  /** The call was handed to the owner. */
  TRANSFERRED;

  /** The wire name, e.g. {@code wrong_number}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
