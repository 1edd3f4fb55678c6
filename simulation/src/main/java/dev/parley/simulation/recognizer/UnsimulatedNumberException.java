package dev.parley.simulation.recognizer;

/**
 * SIMULATION ONLY: the {@link ScriptedRecognizer} was asked to transcribe a call that is not with a
 * simulated callee. It knows only scripted lines, so it refuses rather than invent a transcript of
 * a real person.
 */
public final class UnsimulatedNumberException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  UnsimulatedNumberException(String message) {
    super(message);
  }
}
