package dev.parley.protocol;

import java.util.UUID;

/**
 * HEARTBEAT, sent by both sides every heartbeat interval; the node's carries its load, the control
 * plane's the number of calls it believes the node holds.
 *
 * @param activeCalls calls in progress on the node
 * @param loadPermille the node's load in thousandths (0 idle, 1000 saturated)
 */
public record Heartbeat(int activeCalls, int loadPermille) implements ProtocolMessage {

  /** Validates the fields. */
  public Heartbeat {
    Checks.nonNegative(activeCalls, "active calls");
    Checks.range(loadPermille, 0, 1000, "load permille");
  }

  @Override
  public MessageType type() {
    return MessageType.HEARTBEAT;
  }

  @Override
  public UUID callId() {
    return NO_CALL;
  }
}
