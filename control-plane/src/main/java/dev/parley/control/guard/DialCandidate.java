package dev.parley.control.guard;

import java.util.UUID;

/** The facts about one intended dial that the guards look at. */
public record DialCandidate(
    UUID taskId,
    UUID organizationId,
    UUID ownerUserId,
    String kind,
    String targetPhone,
    UUID contactId) {

  /** Whether this dial counts against the automated limits (reminders) or the manual ones. */
  public boolean automated() {
    return "reminder".equals(kind);
  }
}
