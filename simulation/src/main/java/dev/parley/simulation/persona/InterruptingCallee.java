package dev.parley.simulation.persona;

import dev.parley.audio.codec.MuLaw;
import dev.parley.emulator.callee.CalleeContext;
import dev.parley.emulator.callee.LineLevel;
import dev.parley.emulator.callee.SimulatedCallee;

/**
 * SIMULATION ONLY: a person who talks over one particular agent turn. It counts the agent's turns
 * the way a scripted callee does (speech, then a turn gap of silence); once the chosen turn has
 * gone on long enough, the callee it wraps is fed a turn gap of quiet, so it takes its next turn
 * while the agent is still talking: a barge-in on that turn only. The quiet is a faint hum, not the
 * line's dead silence: to the wrapped callee's ear the agent's speech trailed off and ended, rather
 * than stopping dead mid-word (which it would wait out as a stall).
 *
 * <p>Per frame it allocates nothing. Runs on the call's event loop, like every callee.
 */
final class InterruptingCallee implements SimulatedCallee {

  /** The emulator's speech level for a callee's ear (its {@code SpeechActivity}): ~-40 dBFS. */
  private static final int SPEECH_LEVEL = 330;

  /** Two loud frames start speech: a click is not a turn (as the emulator's ear). */
  private static final int ONSET_FRAMES = 2;

  private final SimulatedCallee inner;
  private final int turn;
  private final int afterFrames;
  private final int turnGapFrames;

  /** Audible but far below speech level: 400 Hz at a mean level of about 80. */
  private final byte[] hum = new byte[MuLaw.FRAME_SAMPLES];

  private CalleeContext context;
  private int turnsStarted;
  private boolean inTurn;
  private int loudRun;
  private int quietRun;
  private int turnFrames;
  private int masking;
  private boolean done;

  /**
   * Wraps {@code inner} to interrupt the agent's {@code turn}-th turn (1-based) once it has lasted
   * {@code afterFrames}; {@code turnGapFrames} is the silence {@code inner} needs to take a turn.
   */
  InterruptingCallee(SimulatedCallee inner, int turn, int afterFrames, int turnGapFrames) {
    this.inner = inner;
    this.turn = turn;
    this.afterFrames = afterFrames;
    this.turnGapFrames = turnGapFrames;
    for (int i = 0; i < hum.length; i++) {
      hum[i] = MuLaw.encode((int) Math.round(130 * Math.sin(2 * Math.PI * i / 20.0)));
    }
  }

  @Override
  public void onAnswered(CalleeContext context) {
    this.context = context;
    inner.onAnswered(context);
  }

  @Override
  public void onFrame(byte[] heard, byte[] said) {
    boolean loud = LineLevel.meanLevel(heard, 0, heard.length) >= SPEECH_LEVEL;
    if (loud) {
      loudRun++;
      quietRun = 0;
      if (loudRun >= ONSET_FRAMES && !inTurn) {
        inTurn = true;
        turnsStarted++;
        turnFrames = 0;
      }
    } else {
      loudRun = 0;
      if (++quietRun >= turnGapFrames) {
        inTurn = false;
      }
    }
    if (inTurn) {
      turnFrames++;
      if (!done && turnsStarted == turn && turnFrames >= afterFrames) {
        done = true;
        // One frame more than the gap: the inner ear needs the whole gap to end the agent's turn.
        masking = turnGapFrames + 1;
        context.note("interrupting agent turn " + turn);
      }
    }
    if (masking > 0 && heard.length == hum.length) {
      masking--;
      inner.onFrame(hum, said);
    } else {
      inner.onFrame(heard, said);
    }
  }

  @Override
  public void onCallEnded() {
    inner.onCallEnded();
  }
}
