package dev.parley.emulator.callee;

/**
 * SIMULATION ONLY: the simulated callee's ear. Decides, frame by frame, whether the agent is
 * talking, and when it has finished a turn (enough silence after speech).
 */
final class SpeechActivity {

  /** Mean level above which a frame counts as speech: about -40 dBFS, far above line noise. */
  static final int SPEECH_LEVEL = 330;

  /** Consecutive loud frames before speech counts as started: a click is not a turn. */
  private static final int ONSET_FRAMES = 2;

  private final int turnGapFrames;
  private int loudRun;
  private int quietRun;
  private boolean speaking;
  private boolean spokeSinceTurnEnd;
  private int speechFrames;

  SpeechActivity(int turnGapFrames) {
    this.turnGapFrames = Math.max(1, turnGapFrames);
  }

  /**
   * Feeds one heard frame; returns true exactly once per agent turn, on the frame that completes
   * the silence after it.
   */
  boolean onFrame(byte[] heard) {
    boolean loud = LineLevel.meanLevel(heard, 0, heard.length) >= SPEECH_LEVEL;
    if (loud) {
      loudRun++;
      quietRun = 0;
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
    }
    if (spokeSinceTurnEnd) {
      speechFrames++;
    }
    if (spokeSinceTurnEnd && quietRun >= turnGapFrames) {
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
