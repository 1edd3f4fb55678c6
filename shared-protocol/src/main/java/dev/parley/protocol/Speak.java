package dev.parley.protocol;

import java.util.UUID;

/**
 * SPEAK: text for the agent to say. An utterance may arrive in chunks (as an LLM streams it); the
 * node synthesises each chunk as it comes and plays them in chunk order.
 *
 * @param callId the call
 * @param utteranceId the utterance, chosen by the control plane, increasing per call
 * @param chunkSeq the chunk's position in the utterance, from 0
 * @param lastChunk whether this is the utterance's last chunk
 * @param interruptible whether the caller may barge in on it
 * @param text the chunk's text
 */
public record Speak(
    UUID callId,
    int utteranceId,
    int chunkSeq,
    boolean lastChunk,
    boolean interruptible,
    String text)
    implements ProtocolMessage {

  /** Validates the fields. */
  public Speak {
    Checks.callId(callId);
    Checks.nonNegative(utteranceId, "utterance id");
    Checks.nonNegative(chunkSeq, "chunk seq");
    Checks.text(text, "text");
  }

  @Override
  public MessageType type() {
    return MessageType.SPEAK;
  }
}
