package dev.parley.media.speech.deepgram;

import dev.parley.media.speech.SpeechToText;

/**
 * Turns Deepgram's results into Parley's utterances. Deepgram finalises audio in pieces ({@code
 * is_final}) and marks the end of speech with {@code speech_final} (endpointing) or a later {@code
 * UtteranceEnd} (when noise kept endpointing from firing). One utterance is every final piece from
 * the end of the previous utterance to that mark (or to the result of our {@code Finalize}): each
 * piece and each interim result is reported as an interim transcript of the utterance so far, and
 * the joined pieces once as its final transcript. Not thread-safe: the session's loop owns it.
 */
final class UtteranceAssembler {

  private final SpeechToText.Listener listener;
  private final SentAudioTimeline timeline;
  private final StringBuilder finalText = new StringBuilder();
  private int seq;
  private double startSec = -1;
  private double endSec;
  private double confidenceSum;
  private int pieces;

  UtteranceAssembler(SpeechToText.Listener listener, SentAudioTimeline timeline) {
    this.listener = listener;
    this.timeline = timeline;
  }

  void results(ListenMessage.Results r) {
    String t = r.transcript().trim();
    if (r.isFinal()) {
      if (!t.isEmpty()) {
        if (startSec < 0) {
          startSec = r.start();
        }
        endSec = r.start() + r.duration();
        if (finalText.length() > 0) {
          finalText.append(' ');
        }
        finalText.append(t);
        confidenceSum += r.confidence();
        pieces++;
      }
      if (r.speechFinal() || r.fromFinalize()) {
        // A Finalize result carries everything Deepgram held: nothing more of this utterance.
        finishUtterance();
      } else if (!t.isEmpty()) {
        emit(false, startSec, endSec, r.confidence(), finalText.toString());
      }
    } else if (!t.isEmpty()) {
      double start = startSec < 0 ? r.start() : startSec;
      String text = finalText.length() == 0 ? t : finalText + " " + t;
      emit(false, start, r.start() + r.duration(), r.confidence(), text);
    }
  }

  /** {@code UtteranceEnd}: whatever was finalised since the last utterance is one. */
  void utteranceEnd() {
    finishUtterance();
  }

  /** Reports the settled pieces as a final utterance (when the stream ends); idempotent. */
  void finishUtterance() {
    if (pieces == 0) {
      return;
    }
    emit(true, startSec, endSec, (float) (confidenceSum / pieces), finalText.toString());
    timeline.forgetBefore(endSec);
    seq++;
    finalText.setLength(0);
    startSec = -1;
    confidenceSum = 0;
    pieces = 0;
  }

  private void emit(boolean isFinal, double start, double end, float confidence, String text) {
    int startMs = timeline.streamMs(start);
    int endMs = Math.max(startMs, timeline.streamMs(end));
    listener.onTranscript(seq, isFinal, startMs, endMs, confidence, text);
  }
}
