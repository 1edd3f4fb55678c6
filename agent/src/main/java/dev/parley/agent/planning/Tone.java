package dev.parley.agent.planning;

/** How the agent should sound on the call. */
public enum Tone {
  FRIENDLY,
  PROFESSIONAL,
  FIRM,
  CASUAL
}
