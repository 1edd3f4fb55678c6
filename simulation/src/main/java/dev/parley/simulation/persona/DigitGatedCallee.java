package dev.parley.simulation.persona;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.dtmf.GoertzelDtmfDetector;
import dev.parley.emulator.callee.CalleeContext;
import dev.parley.emulator.callee.SimulatedCallee;
import java.util.Arrays;

/**
 * SIMULATION ONLY: a phone menu. It plays its menu, then hears nothing but keypresses: until a DTMF
 * digit arrives in the audio it hears, the callee it wraps is fed silence, so talking to the menu
 * gets no answer. From the digit on, the wrapped callee hears the line (the tone included, which
 * ends the agent's turn) and the person behind the menu takes over.
 *
 * <p>Per frame it allocates nothing. Runs on the call's event loop, like every callee.
 */
final class DigitGatedCallee implements SimulatedCallee {

  private final SimulatedCallee inner;
  private final GoertzelDtmfDetector dtmf = new GoertzelDtmfDetector();
  private final byte[] silence = new byte[MuLaw.FRAME_SAMPLES];
  private CalleeContext context;
  private boolean open;

  DigitGatedCallee(SimulatedCallee inner) {
    this.inner = inner;
    Arrays.fill(silence, MuLaw.SILENCE);
  }

  @Override
  public void onAnswered(CalleeContext context) {
    this.context = context;
    inner.onAnswered(context);
  }

  @Override
  public void onFrame(byte[] heard, byte[] said) {
    if (!open) {
      char digit = dtmf.process(heard, 0, heard.length);
      if (digit != GoertzelDtmfDetector.NONE) {
        open = true;
        context.note("menu: pressed " + digit);
      }
    }
    inner.onFrame(open || heard.length != silence.length ? heard : silence, said);
  }

  @Override
  public void onCallEnded() {
    inner.onCallEnded();
  }

  /** Whether a digit has been heard. */
  boolean opened() {
    return open;
  }
}
