package dev.parley.agent.dialog;

/**
 * One utterance in the conversation.
 *
 * @param speaker who spoke
 * @param text what was said (for the agent: what the callee actually heard)
 * @param interrupted true when the callee cut the agent off
 */
public record Turn(Speaker speaker, String text, boolean interrupted) {

  /** Who spoke. */
  public enum Speaker {
    AGENT,
    CALLEE,
    SYSTEM
  }
}
