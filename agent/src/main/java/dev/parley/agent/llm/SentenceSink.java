package dev.parley.agent.llm;

/**
 * Receives the agent's words sentence by sentence while the model is still writing, so the first
 * sentence can be synthesised and played before the reply is complete.
 *
 * <p>Contract with {@link StreamingDialogAgent}: when {@code respond} returns, the sentences
 * delivered since the last {@link #discard()} are exactly the returned turn's {@code Speak} text,
 * in order (a turn without {@code Speak} leaves none). So the control plane plays what the sink
 * receives and never speaks the returned {@code Speak} a second time.
 */
public interface SentenceSink {

  /** A sink that drops everything, for callers that speak the returned turn themselves. */
  SentenceSink NONE = s -> {};

  /** One complete sentence, already checked by the output guard. */
  void sentence(String sentence);

  /**
   * The sentences delivered so far belong to an answer that failed (the stream broke or the model
   * output was invalid): stop playing them. The turn that is returned will be delivered afresh.
   */
  default void discard() {}

  /**
   * True once the callee has barged in while the reply is still being written. The agent then stops
   * reading the model, applies none of the tools still being written, and returns the turn with
   * only the sentences already delivered; the {@code BargeIn} event that follows cuts them to what
   * was heard. Polled between streamed pieces.
   */
  default boolean cancelled() {
    return false;
  }
}
