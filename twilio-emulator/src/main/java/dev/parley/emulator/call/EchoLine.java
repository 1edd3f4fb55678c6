package dev.parley.emulator.call;

import dev.parley.audio.codec.MuLaw;
import dev.parley.emulator.callee.EchoSettings;

/**
 * SIMULATION ONLY: a line echo. Mixes what the callee heard, delayed and attenuated, into what it
 * sends, the way a hybrid or a speakerphone returns the far end's voice. Allocates nothing per
 * frame.
 */
final class EchoLine {

  private final double gain;
  private final int[] delayLine;
  private int pos;

  EchoLine(EchoSettings settings) {
    this.gain = settings.gain();
    this.delayLine = new int[Math.max(1, (int) (settings.delay().toMillis() * 8))];
  }

  void mix(byte[] heard, byte[] said) {
    for (int i = 0; i < said.length; i++) {
      int delayed = delayLine[pos];
      delayLine[pos] = MuLaw.decode(heard[i]);
      pos = pos + 1 == delayLine.length ? 0 : pos + 1;
      said[i] = MuLaw.encode(MuLaw.decode(said[i]) + (int) Math.round(gain * delayed));
    }
  }
}
