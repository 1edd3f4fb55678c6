package dev.parley.agent.llm.client;

import java.util.function.Consumer;

/**
 * A streaming chat model behind one provider's wire protocol. Implementations are thread-safe and
 * hold no per-call state.
 */
public interface ChatModel {

  /**
   * Sends one request and streams the reply.
   *
   * @param request what to send
   * @param textDeltas receives each piece of text as it arrives, on the calling thread
   * @return the whole reply once the stream has ended cleanly
   * @throws LlmException when the provider refuses, the connection breaks or the stream is cut
   */
  ChatResponse complete(ChatRequest request, Consumer<String> textDeltas) throws LlmException;

  /** The provider's name for ledgers and call events ("openai", "anthropic"). */
  String provider();

  /** The model name sent on every request. */
  String model();
}
