package dev.parley.protocol;

import java.util.UUID;

/**
 * SPEECH_STARTED: the VAD heard the caller start speaking (after the onset frames).
 *
 * @param callId the call
 * @param atMs when, in ms since the stream started
 */
public record SpeechStarted(UUID callId, int atMs) implements ProtocolMessage {

  /** Validates the fields. */
  public SpeechStarted {
    Checks.callId(callId);
    Checks.nonNegative(atMs, "at ms");
  }

  @Override
  public MessageType type() {
    return MessageType.SPEECH_STARTED;
  }
}
