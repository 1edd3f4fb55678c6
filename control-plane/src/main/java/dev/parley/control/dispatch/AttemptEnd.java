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
}
