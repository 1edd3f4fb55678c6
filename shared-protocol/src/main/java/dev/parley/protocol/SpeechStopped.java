package dev.parley.protocol;

import java.util.UUID;

/**
 * SPEECH_STOPPED: the VAD heard the caller stop speaking (after the hangover frames).
 *
 * @param callId the call
 * @param atMs when, in ms since the stream started
 */
public record SpeechStopped(UUID callId, int atMs) implements ProtocolMessage {

  /** Validates the fields. */
  public SpeechStopped {
    Checks.callId(callId);
    Checks.nonNegative(atMs, "at ms");
  }

  @Override
  public MessageType type() {
    return MessageType.SPEECH_STOPPED;
  }
}
