package dev.parley.protocol;

import java.util.UUID;

/**
 * SESSION_READY: the node accepted SESSION_START and is ready for the media stream.
 *
 * @param callId the call
 * @param greetingSynthMs how long synthesising the greeting took
 */
public record SessionReady(UUID callId, int greetingSynthMs) implements ProtocolMessage {

  /** Validates the fields. */
  public SessionReady {
    Checks.callId(callId);
    Checks.nonNegative(greetingSynthMs, "greeting synth ms");
  }

  @Override
  public MessageType type() {
    return MessageType.SESSION_READY;
  }
}
