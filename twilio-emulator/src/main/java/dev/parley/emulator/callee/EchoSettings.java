package dev.parley.emulator.callee;

import java.time.Duration;

/**
 * SIMULATION ONLY: how much of the agent's own audio comes back on the callee's line.
 *
 * @param levelDb echo level relative to what the callee heard, e.g. -20 (must be at most 0)
 * @param delay round-trip delay of the echo
 */
public record EchoSettings(double levelDb, Duration delay) {

  public EchoSettings {
    if (levelDb > 0) {
      throw new IllegalArgumentException("echo louder than its source: " + levelDb + " dB");
    }
    if (delay.isNegative() || delay.toMillis() > 2000) {
      throw new IllegalArgumentException("echo delay out of range: " + delay);
    }
  }

  /** Linear gain of the echo. */
  public double gain() {
    return Math.pow(10, levelDb / 20);
  }
}
