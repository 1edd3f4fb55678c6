package dev.parley.media.realtime;

/**
 * One assistant audio item of the model: an agent utterance on the call, with the utterance id the
 * playout, UTTERANCE_PLAYED, BARGE_IN and its TRANSCRIPT share. Event loop only.
 */
final class AgentUtterance {

  final String itemId;
  final String responseId;
  final int contentIndex;
  final long utteranceId;
  final int startMs;

  /** The transcript so far from the deltas, replaced by the final text when it comes. */
  final StringBuilder text = new StringBuilder();

  /** ms of audio received; the truncation point may not pass it. */
  int audioMs;

  /** Cut by a barge-in: later audio for it is not played. */
  boolean cut;

  /** No more audio comes for it. */
  boolean finished;

  boolean transcriptSent;

  AgentUtterance(
      String itemId, String responseId, int contentIndex, long utteranceId, int startMs) {
    this.itemId = itemId;
    this.responseId = responseId;
    this.contentIndex = contentIndex;
    this.utteranceId = utteranceId;
    this.startMs = startMs;
  }
}
