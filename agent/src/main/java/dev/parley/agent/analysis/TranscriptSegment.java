package dev.parley.agent.analysis;

import java.time.Instant;

/**
 * One utterance of a finished call's transcript.
 *
 * @param speaker who spoke
 * @param text what was said (for the agent: what was heard, if interrupted)
 * @param start when the utterance started
 * @param end when it ended
 * @param interrupted true when the agent was cut off by the callee
 */
public record TranscriptSegment(
    Speaker speaker, String text, Instant start, Instant end, boolean interrupted) {

  /** Who spoke. */
  public enum Speaker {
    AGENT,
    CALLEE
  }
}
