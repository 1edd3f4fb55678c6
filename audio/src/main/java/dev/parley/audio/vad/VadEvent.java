package dev.parley.audio.vad;

/** What the voice activity detector concluded from one frame. */
public enum VadEvent {
  /** No speech in progress. */
  NONE,
  /**
   * Speech confirmed on this frame; {@link VoiceActivityDetector#onsetSample()} says where it
   * began.
   */
  SPEECH_START,
  /** Speech in progress (including the hangover after the last voiced frame). */
  SPEECH_CONTINUE,
  /** The hangover ran out on this frame: the utterance is over. */
  SPEECH_END
}
