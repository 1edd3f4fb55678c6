package dev.parley.agent.planning;

import java.util.Locale;

/** How the agent should sound on the call. Wire names match the control plane's tone column. */
public enum Tone {
  FRIENDLY,
  NEUTRAL,
  FIRM,
  ASSERTIVE;

  /** The wire name, e.g. {@code friendly}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; unknown names are {@link #FRIENDLY}. */
  public static Tone fromWireName(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return FRIENDLY;
    }
  }
}
