package dev.parley.agent.llm;

/**
 * The model answered, but not with something usable: malformed JSON, a value of the wrong shape, an
 * unknown tool, a reply that says nothing when something must be said. The brains retry once with
 * the reason, then fall back.
 */
public final class InvalidOutputException extends Exception {

  /**
   * @param reason what was wrong, phrased so the model can correct it
   */
  public InvalidOutputException(String reason) {
    super(reason);
  }
}
