package dev.parley.protocol;

import java.util.UUID;

/**
 * BARGE_IN: the caller interrupted the agent; the node already cleared Twilio's buffer and stopped
 * the utterance.
 *
 * @param callId the call
 * @param utteranceId the SPEAK utterance that was cut off
 * @param msHeard how much of it the caller heard (from Twilio's mark echoes)
 * @param atMs when, in ms since the stream started
 */
public record BargeIn(UUID callId, int utteranceId, int msHeard, int atMs)
    implements ProtocolMessage {

  /** Validates the fields. */
  public BargeIn {
    Checks.callId(callId);
    Checks.nonNegative(utteranceId, "utterance id");
    Checks.nonNegative(msHeard, "ms heard");
    Checks.nonNegative(atMs, "at ms");
  }

  @Override
  public MessageType type() {
    return MessageType.BARGE_IN;
  }
}
