package dev.parley.emulator.callee;

/**
 * SIMULATION ONLY: the simulated callee's ear. Decides, frame by frame, whether the agent is
 * talking, and when it has finished a turn (enough silence after speech).
 *
 * <p>Speech that ends trails off: the synthesiser's last sound fades through a few soft frames
 * before the line goes silent. Speech that stops dead, from a sound straight into the line's
 * silence, was cut off: the agent's audio stalled (synthesis late, a loop stalled under load) and
 * more is coming, so a listener waits longer, {@code stallGapFrames}, before taking the floor.
 */
final class SpeechActivity {

  /** Mean level above which a frame counts as speech: about -40 dBFS, far above line noise. */
  static final int SPEECH_LEVEL = 330;

  /**
   * Soft frames (audible, below speech level) after the last speech frame that make its end a
   * trailing off: 60 ms. The offline synthesiser's utterances end in 5 to 7 of them.
   */
  static final int TRAIL_OFF_FRAMES = 3;

  /** Consecutive loud frames before speech counts as started: a click is not a turn. */
  private static final int ONSET_FRAMES = 2;

  private final int turnGapFrames;
  private final int stallGapFrames;
  private int loudRun;
  private int quietRun;
  private int softRun;
  private boolean lineSilent;
  private boolean stoppedDead;
  private boolean speaking;
  private boolean spokeSinceTurnEnd;
  private int speechFrames;

  /**
   * An ear that takes {@code turnGapFrames} of silence after speech that trailed off, and {@code
   * stallGapFrames} after speech that stopped dead, as the end of a turn.
   */
  SpeechActivity(int turnGapFrames, int stallGapFrames) {
    this.turnGapFrames = Math.max(1, turnGapFrames);
    this.stallGapFrames = Math.max(this.turnGapFrames, stallGapFrames);
  }

  /**
   * Feeds one heard frame; returns true exactly once per agent turn, on the frame that completes
   * the silence after it.
   */
  boolean onFrame(byte[] heard) {
    int level = LineLevel.meanLevel(heard, 0, heard.length);
    boolean loud = level >= SPEECH_LEVEL;
    if (loud) {
      loudRun++;
      quietRun = 0;
      softRun = 0;
      lineSilent = false;
      stoppedDead = false;
      if (loudRun >= ONSET_FRAMES && !speaking) {
        speaking = true;
        spokeSinceTurnEnd = true;
      }
    } else {
      loudRun = 0;
      quietRun++;
      if (quietRun >= ONSET_FRAMES) {
        speaking = false;
      }
      if (!lineSilent) {
        // The first frame of the line's own silence tells how the speech before it ended.
        if (level == 0) {
          lineSilent = true;
          stoppedDead = softRun < TRAIL_OFF_FRAMES;
        } else {
          softRun++;
        }
      }
    }
    if (spokeSinceTurnEnd) {
      speechFrames++;
    }
    if (spokeSinceTurnEnd && quietRun >= (stoppedDead ? stallGapFrames : turnGapFrames)) {
      spokeSinceTurnEnd = false;
      speechFrames = 0;
      return true;
    }
    return false;
  }

  /** Whether the agent is talking now. */
  boolean speaking() {
    return speaking;
  }

  /** Frames since the current agent turn started (0 when no turn is under way). */
  int turnFrames() {
    return speechFrames;
  }

  /**
   * The callee took the floor: what the agent said so far is answered. Speech still going on counts
   * as the start of the agent's next turn.
   */
  void resetTurn() {
    spokeSinceTurnEnd = speaking;
    speechFrames = 0;
  }
}
