package dev.parley.emulator.callee;

/**
 * SIMULATION ONLY: what a {@link SimulatedCallee} can do to its call. Only call from the callee's
 * own callbacks (they run on the call's event loop).
 */
public interface CalleeContext {

  /** The call's SID. */
  String callSid();

  /** Number of 20 ms frames since the call was answered. */
  long frameIndex();

  /** Whether a Media Stream is up: the application hears what the callee says. */
  boolean streamOpen();

  /**
   * Whether the application is still on its way to the callee: its TwiML is being fetched, or the
   * Media Stream it connects has not started yet. Nobody hears what the callee says meanwhile.
   */
  default boolean applicationPending() {
    return false;
  }

  /** Press DTMF digits: Twilio reports each as a Media Streams {@code dtmf} event. */
  void pressDigits(String digits);

  /** Hang up the call from the callee's side. */
  void hangUp();

  /**
   * Adds an entry to the call's recording, for tests and personas. {@code "finished line"} also
   * tells machine detection ({@code DetectMessageEnd}) that a voicemail greeting has ended.
   */
  void note(String what);
}
