package dev.parley.agent.llm;

import java.util.Locale;

/** Which of Parley's three brains made a model call. Wire names are lower-case. */
public enum Brain {
  PLANNER,
  DIALOG,
  ANALYST;

  /** The wire name, e.g. {@code dialog}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
