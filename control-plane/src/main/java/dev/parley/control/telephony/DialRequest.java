package dev.parley.control.telephony;

import java.util.Objects;
import java.util.UUID;

/**
 * One call to place: the session (attempt) it belongs to, the token that was recorded with the
 * session before this request was made, and the numbers.
 *
 * @param from caller id, or null for the provider's configured default
 * @param detectMachine ask the provider to tell a human from an answering machine
 */
public record DialRequest(
    UUID sessionId,
    UUID taskId,
    int attempt,
    String idempotencyToken,
    String to,
    String from,
    boolean detectMachine) {

  public DialRequest {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(idempotencyToken, "idempotencyToken");
    Objects.requireNonNull(to, "to");
  }
}
