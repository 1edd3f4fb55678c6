package dev.parley.media.bargein;

/**
 * Decides when the callee has interrupted the agent. Speech confirmed by the VAD (its onset count
 * of frames that the echo gate could not explain as our own voice) while our audio is playing is a
 * barge-in; so is an interim transcript with words while it plays, since a recogniser that hears
 * words has heard the callee. One barge-in per playback: once fired, it stays quiet until playback
 * has stopped and started again.
 *
 * <p>Allocates nothing. Event loop only.
 */
public final class BargeInDetector {

  private final boolean enabled;
  private boolean fired;
  private long count;

  /**
   * @param enabled false disables barge-in for the whole call (the session's tuning)
   */
  public BargeInDetector(boolean enabled) {
    this.enabled = enabled;
  }

  /** Tells the detector whether our audio is playing; re-arms it once playback has stopped. */
  public void playback(boolean playing) {
    if (!playing) {
      fired = false;
    }
  }

  /** VAD confirmed speech; true when that is a barge-in on interruptible playback. */
  public boolean onSpeechConfirmed(boolean playing, boolean interruptible) {
    return fire(playing, interruptible);
  }

  /** An interim transcript arrived; true when its words are a barge-in. */
  public boolean onInterimTranscript(String text, boolean playing, boolean interruptible) {
    return !text.isBlank() && fire(playing, interruptible);
  }

  private boolean fire(boolean playing, boolean interruptible) {
    if (!enabled || !playing || !interruptible || fired) {
      return false;
    }
    fired = true;
    count++;
    return true;
  }

  /** Barge-ins fired so far. */
  public long count() {
    return count;
  }
}
