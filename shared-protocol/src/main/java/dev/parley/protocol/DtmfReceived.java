package dev.parley.protocol;

import java.util.UUID;

/**
 * DTMF_RECEIVED: the caller pressed a key; one ASCII byte on the wire.
 *
 * @param callId the call
 * @param digit one of 0-9 * # A-D
 */
public record DtmfReceived(UUID callId, char digit) implements ProtocolMessage {

  /** Validates the fields. */
  public DtmfReceived {
    Checks.callId(callId);
    if (!Checks.isDtmfDigit(digit)) {
      throw new IllegalArgumentException("DTMF digit " + (int) digit + " is not 0-9*#A-D");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.DTMF_RECEIVED;
  }
}
