package dev.parley.control.dispatch;

import java.util.UUID;

/**
 * How one attempt (call session) ended, as far as the task's next step is concerned.
 *
 * @param sessionStatus the session's terminal status: completed, no_answer, busy, failed, cancelled
 * @param answeredBy human, machine, fax, unknown, or null when nobody answered or it is not known
 * @param reason a short reason for the record (provider error, node lost, watchdog …)
 * @param wrongNumber the number itself is bad: never retried
 */
public record AttemptEnd(
    UUID sessionId, String sessionStatus, String answeredBy, String reason, boolean wrongNumber) {

  /** Whether a machine (voicemail or fax) took the call. */
  public boolean voicemail() {
    return "completed".equals(sessionStatus)
        && ("machine".equals(answeredBy) || "fax".equals(answeredBy));
  }

  /**
   * How an attempt ended that was answered and then hung up by the agent for {@code reason} (the
   * dialog agent's hang-up reasons, plus {@code silent_line} for a line where nobody said
   * anything): a wrong number never retries; a voicemail counts as a machine (left or skipped, the
   * voicemail policy decides); a silent line is treated as no answer; everything else completed a
   * conversation.
   */
  public static AttemptEnd afterHangUp(UUID sessionId, String reason) {
    return switch (reason) {
      case "wrong_number" -> new AttemptEnd(sessionId, "completed", "human", "wrong number", true);
      case "voicemail_left", "voicemail_skipped" ->
          new AttemptEnd(sessionId, "completed", "machine", reason, false);
      case "silent_line" -> new AttemptEnd(sessionId, "no_answer", null, "nobody spoke", false);
      default -> new AttemptEnd(sessionId, "completed", "human", reason, false);
    };
  }
}
