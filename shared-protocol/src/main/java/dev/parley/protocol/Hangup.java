package dev.parley.protocol;

import java.util.UUID;

/**
 * HANGUP: end the call once the utterance playing now has finished; the node answers with
 * SESSION_END.
 *
 * @param callId the call
 * @param reason why, for logs and the call record
 */
public record Hangup(UUID callId, String reason) implements ProtocolMessage {

  /** Validates the fields. */
  public Hangup {
    Checks.callId(callId);
    Checks.text(reason, "reason");
  }

  @Override
  public MessageType type() {
    return MessageType.HANGUP;
  }
}
