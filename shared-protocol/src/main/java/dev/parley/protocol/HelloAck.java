package dev.parley.protocol;

import java.util.UUID;

/**
 * HELLO_ACK, the control plane's answer to HELLO: the version both sides use from the next frame
 * on, and how often each side sends HEARTBEAT.
 *
 * @param version the chosen protocol version
 * @param heartbeatIntervalMs the heartbeat period; a side that hears nothing for three periods
 *     sends ERROR HEARTBEAT_TIMEOUT and closes
 */
public record HelloAck(int version, int heartbeatIntervalMs) implements ProtocolMessage {

  /** Validates the fields. */
  public HelloAck {
    Checks.range(version, 1, 255, "version");
    Checks.range(heartbeatIntervalMs, 1, Integer.MAX_VALUE, "heartbeat interval ms");
  }

  @Override
  public MessageType type() {
    return MessageType.HELLO_ACK;
  }

  @Override
  public UUID callId() {
    return NO_CALL;
  }
}
