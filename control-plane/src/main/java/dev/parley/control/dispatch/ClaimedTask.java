package dev.parley.control.dispatch;

import dev.parley.control.guard.DialCandidate;
import java.util.UUID;

/**
 * A task row as the claim statement returned it: already in status dialing under this instance's
 * lease, at {@code version}. {@code previousStatus} is what it was before the claim; {@code
 * dialing} means the lease of a lost instance was taken over.
 */
public record ClaimedTask(
    UUID id,
    UUID organizationId,
    UUID ownerUserId,
    String kind,
    String targetPhone,
    UUID contactId,
    int attemptCount,
    int maxAttempts,
    long version,
    String previousStatus) {

  /** Whether this claim took over an expired lease. */
  public boolean reclaimed() {
    return "dialing".equals(previousStatus);
  }

  /** The guard view of this task. */
  public DialCandidate candidate() {
    return new DialCandidate(id, organizationId, ownerUserId, kind, targetPhone, contactId);
  }
}
