package dev.parley.audio.echo;

/**
 * Tuning of {@link EchoGate}.
 *
 * @param echoReturnLossDb worst-case echo return loss: how far (dB, positive) the agent's voice is
 *     at least attenuated on its way back; 6 dB is a bad hybrid, a good line is past 20 dB
 * @param maxEchoDelayMillis longest delay between playout and its echo arriving, including the
 *     uncertainty of the playout clock
 * @param marginDb extra headroom above the worst-case echo before inbound audio counts as the other
 *     person (covers μ-law requantisation and echo summing with line noise)
 * @param preRollMillis inbound audio held back while gated so an accepted interruption keeps its
 *     first syllable
 * @param cancelEcho run {@link EchoCanceller} while our audio plays: a callee quieter than our echo
 *     is heard (with-echo barge-in median about halved in simulation) at about 10 µs of CPU per
 *     inbound frame of playback; off by default until its false barge-ins under load are measured
 *     against the gate alone
 */
public record EchoGateConfig(
    double echoReturnLossDb,
    int maxEchoDelayMillis,
    double marginDb,
    int preRollMillis,
    boolean cancelEcho) {

  /** A gate without the echo canceller. */
  public EchoGateConfig(
      double echoReturnLossDb, int maxEchoDelayMillis, double marginDb, int preRollMillis) {
    this(echoReturnLossDb, maxEchoDelayMillis, marginDb, preRollMillis, false);
  }

  /** Validates ranges so a bad config fails at startup, not mid-call. */
  public EchoGateConfig {
    if (!(echoReturnLossDb >= 0 && echoReturnLossDb < 80)) {
      throw new IllegalArgumentException(
          "echoReturnLossDb must be in [0, 80): " + echoReturnLossDb);
    }
    if (maxEchoDelayMillis < 0 || maxEchoDelayMillis > 2000) {
      throw new IllegalArgumentException("maxEchoDelayMillis must be in [0, 2000]");
    }
    if (!(marginDb >= 0 && marginDb < 40)) {
      throw new IllegalArgumentException("marginDb must be in [0, 40)");
    }
    if (preRollMillis < 0 || preRollMillis > 2000) {
      throw new IllegalArgumentException("preRollMillis must be in [0, 2000]");
    }
  }

  /**
   * Defaults: a worst-case -6 dB hybrid, 300 ms echo path, 3 dB margin, 300 ms pre-roll, no
   * canceller.
   */
  public static EchoGateConfig defaults() {
    return new EchoGateConfig(6.0, 300, 3.0, 300);
  }

  /** This config with the echo canceller on or off. */
  public EchoGateConfig withCancelEcho(boolean on) {
    return new EchoGateConfig(echoReturnLossDb, maxEchoDelayMillis, marginDb, preRollMillis, on);
  }
}
