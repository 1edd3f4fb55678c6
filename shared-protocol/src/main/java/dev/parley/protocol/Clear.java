package dev.parley.protocol;

import java.util.UUID;

/**
 * CLEAR: stop speaking now; drop queued and buffered agent audio (the node answers with
 * UTTERANCE_PLAYED for the utterance it cut).
 *
 * @param callId the call
 */
public record Clear(UUID callId) implements ProtocolMessage {

  /** Validates the fields. */
  public Clear {
    Checks.callId(callId);
  }

  @Override
  public MessageType type() {
    return MessageType.CLEAR;
  }
}
