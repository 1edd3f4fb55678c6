package dev.parley.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * SESSION_END: the call's session is over (either side may send it; the node always sends one per
 * SESSION_READY).
 *
 * @param callId the call
 * @param reason why it ended
 * @param text detail for logs and the call record
 */
public record SessionEnd(UUID callId, SessionEndReason reason, String text)
    implements ProtocolMessage {

  /** Validates the fields. */
  public SessionEnd {
    Checks.callId(callId);
    Objects.requireNonNull(reason, "reason");
    Checks.text(text, "text");
  }

  @Override
  public MessageType type() {
    return MessageType.SESSION_END;
  }
}
