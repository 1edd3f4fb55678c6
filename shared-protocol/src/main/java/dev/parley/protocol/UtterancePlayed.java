package dev.parley.protocol;

import java.util.UUID;

/**
 * UTTERANCE_PLAYED: playback of a SPEAK utterance ended, fully or cut short (by CLEAR, barge-in or
 * hang-up).
 *
 * @param callId the call
 * @param utteranceId the utterance
 * @param msPlayed how much of it Twilio played
 * @param complete whether it played to the end
 */
public record UtterancePlayed(UUID callId, int utteranceId, int msPlayed, boolean complete)
    implements ProtocolMessage {

  /** Validates the fields. */
  public UtterancePlayed {
    Checks.callId(callId);
    Checks.nonNegative(utteranceId, "utterance id");
    Checks.nonNegative(msPlayed, "ms played");
  }

  @Override
  public MessageType type() {
    return MessageType.UTTERANCE_PLAYED;
  }
}
