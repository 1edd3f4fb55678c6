package dev.parley.protocol;

import java.util.UUID;

/**
 * TRANSCRIPT: what the caller said, interim (may still change) or final, for one utterance.
 *
 * @param callId the call
 * @param utteranceSeq the caller's utterance number in this call, from 0
 * @param isFinal whether this is the utterance's final text
 * @param startMs when the utterance started, ms since the stream started
 * @param endMs when it ended (≥ startMs)
 * @param confidence the recogniser's confidence in [0, 1]
 * @param text the recognised text
 */
public record Transcript(
    UUID callId,
    int utteranceSeq,
    boolean isFinal,
    int startMs,
    int endMs,
    float confidence,
    String text)
    implements ProtocolMessage {

  /** Validates the fields. */
  public Transcript {
    Checks.callId(callId);
    Checks.nonNegative(utteranceSeq, "utterance seq");
    Checks.nonNegative(startMs, "start ms");
    if (endMs < startMs) {
      throw new IllegalArgumentException("end ms " + endMs + " is before start ms " + startMs);
    }
    if (!(confidence >= 0f && confidence <= 1f)) {
      throw new IllegalArgumentException("confidence " + confidence + " is not in [0, 1]");
    }
    Checks.text(text, "text");
  }

  @Override
  public MessageType type() {
    return MessageType.TRANSCRIPT;
  }
}
