package dev.parley.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * TRANSCRIPT: what one side of the call said, interim (may still change) or final, for one
 * utterance. In pipeline mode only the callee is transcribed; in speech-to-speech mode the node
 * also reports the model's own words, so each transcript names its speaker.
 *
 * @param callId the call
 * @param utteranceSeq the utterance's number in this call, from 0; an agent utterance's seq is its
 *     utterance id in UTTERANCE_PLAYED and BARGE_IN
 * @param speaker who spoke
 * @param isFinal whether this is the utterance's final text
 * @param startMs when the utterance started, ms since the stream started
 * @param endMs when it ended (≥ startMs)
 * @param confidence the recogniser's confidence in [0, 1]
 * @param text the recognised text
 */
public record Transcript(
    UUID callId,
    int utteranceSeq,
    Speaker speaker,
    boolean isFinal,
    int startMs,
    int endMs,
    float confidence,
    String text)
    implements ProtocolMessage {

  /** Flags byte bit 0: the utterance's final text. */
  static final int FLAG_FINAL = 0x01;

  /** Flags byte bit 1: the agent spoke (clear: the callee). */
  static final int FLAG_AGENT = 0x02;

  /** Who said a transcribed utterance: bit 1 of the flags byte on the wire. */
  public enum Speaker {
    /** The other party on the phone line. */
    CALLEE,
    /** Our side: the speech-to-speech model's words as it spoke them. */
    AGENT
  }

  /** Validates the fields. */
  public Transcript {
    Checks.callId(callId);
    Checks.nonNegative(utteranceSeq, "utterance seq");
    Objects.requireNonNull(speaker, "speaker");
    Checks.nonNegative(startMs, "start ms");
    if (endMs < startMs) {
      throw new IllegalArgumentException("end ms " + endMs + " is before start ms " + startMs);
    }
    if (!(confidence >= 0f && confidence <= 1f)) {
      throw new IllegalArgumentException("confidence " + confidence + " is not in [0, 1]");
    }
    Checks.text(text, "text");
  }

  /** The flags byte on the wire. */
  int flags() {
    return (isFinal ? FLAG_FINAL : 0) | (speaker == Speaker.AGENT ? FLAG_AGENT : 0);
  }

  @Override
  public MessageType type() {
    return MessageType.TRANSCRIPT;
  }
}
