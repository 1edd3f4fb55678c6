package dev.parley.emulator.callee;

/**
 * SIMULATION ONLY: the person (or machine) at the far end of an emulated call.
 *
 * <p>Driven by the emulator's media clock: once answered, {@link #onFrame} is called every 20 ms
 * with what the callee heard and must return what it says. All callbacks of one callee run on one
 * event loop, so an implementation needs no locking, and must not block.
 */
public interface SimulatedCallee {

  /** The call was answered; {@code context} stays valid until {@link #onCallEnded()}. */
  void onAnswered(CalleeContext context);

  /**
   * One 20 ms frame: {@code heard} holds the 160 μ-law bytes the callee heard; write what it says
   * into {@code said} (160 bytes, pre-filled with silence). Neither array may be kept.
   */
  void onFrame(byte[] heard, byte[] said);

  /** The call ended, from either side. */
  default void onCallEnded() {}

  /**
   * The Media Stream started: {@code start} went to the application. A measurement hook (the load
   * harness times the greeting from here); a person on the line notices nothing.
   */
  default void onStreamStarted() {}

  /**
   * The application sent {@code bytes} of audio, now queued for playout: a measurement hook called
   * on arrival, before the callee hears it in {@link #onFrame}.
   */
  default void onApplicationAudio(int bytes) {}

  /** The application sent {@code clear}: a measurement hook (barge-in reaction). */
  default void onClear() {}

  /** Builds a callee for one call. */
  @FunctionalInterface
  interface Factory {
    /** A fresh callee for a call to {@code to} answered under {@code behaviour}. */
    SimulatedCallee create(String to, CalleeBehaviour behaviour);
  }
}
