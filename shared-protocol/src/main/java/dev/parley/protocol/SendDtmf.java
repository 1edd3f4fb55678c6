package dev.parley.protocol;

import java.util.UUID;

/**
 * SEND_DTMF: play DTMF tones in-band into the call (to navigate an IVR).
 *
 * @param callId the call
 * @param digits one or more of 0-9 * # A-D, and 'w' for a half-second pause
 */
public record SendDtmf(UUID callId, String digits) implements ProtocolMessage {

  /** Validates the fields. */
  public SendDtmf {
    Checks.callId(callId);
    Checks.dtmfDigits(digits);
  }

  @Override
  public MessageType type() {
    return MessageType.SEND_DTMF;
  }
}
