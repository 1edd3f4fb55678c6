package dev.parley.control.telephony;

/**
 * Twilio's {@code CallStatus} values mapped to session statuses, with a rank that only grows over a
 * call's life: a callback whose rank is not above the session's current one is stale (duplicated or
 * reordered) and changes nothing, and a terminal state is never left.
 */
enum CallbackStatus {
  QUEUED("queued", "initiated", 0),
  INITIATED("initiated", "initiated", 0),
  RINGING("ringing", "ringing", 1),
  IN_PROGRESS("in-progress", "connected", 2),
  COMPLETED("completed", "completed", 3),
  BUSY("busy", "busy", 3),
  NO_ANSWER("no-answer", "no_answer", 3),
  FAILED("failed", "failed", 3),
  CANCELED("canceled", "cancelled", 3);

  final String twilio;
  final String session;
  final int rank;

  CallbackStatus(String twilio, String session, int rank) {
    this.twilio = twilio;
    this.session = session;
    this.rank = rank;
  }

  boolean terminal() {
    return rank == 3;
  }

  static CallbackStatus fromTwilio(String s) {
    for (CallbackStatus c : values()) {
      if (c.twilio.equals(s)) {
        return c;
      }
    }
    return null;
  }

  /** The rank of a stored session status. */
  static int rankOf(String sessionStatus) {
    return switch (sessionStatus) {
      case "initiated" -> 0;
      case "ringing" -> 1;
      case "connected" -> 2;
      default -> 3;
    };
  }

  /** Twilio's {@code AnsweredBy} reduced to the session's answered_by values. */
  static String answeredBy(String twilio) {
    if (twilio == null || twilio.isEmpty()) {
      return null;
    }
    if (twilio.equals("human")) {
      return "human";
    }
    if (twilio.startsWith("machine")) {
      return "machine";
    }
    if (twilio.equals("fax")) {
      return "fax";
    }
    return "unknown";
  }
}
