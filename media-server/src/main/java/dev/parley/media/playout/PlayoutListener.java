package dev.parley.media.playout;

/** What the playout clock reports, always on the call's event loop. */
public interface PlayoutListener {

  /** Twilio has played {@code playedMs} of the utterance; {@code complete} when all of it. */
  void utterancePlayed(long utteranceId, int playedMs, boolean complete);

  /** The first frame of an utterance went out. */
  default void utteranceStarted(long utteranceId) {}
}
