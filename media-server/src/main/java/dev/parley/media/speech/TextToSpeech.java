package dev.parley.media.speech;

/**
 * A streaming speech synthesiser producing 8 kHz μ-law. Each {@link #synthesize} call is one stream
 * of audio chunks that may start before synthesis has finished.
 */
public interface TextToSpeech extends AutoCloseable {

  /**
   * Starts synthesising {@code text} with {@code voice}; chunks arrive through {@code listener}.
   */
  Stream synthesize(String text, String voice, Listener listener);

  /**
   * The synthesiser for a call whose SESSION_START names {@code provider} (empty: the node's
   * default). A node with one synthesiser serves every call with it; {@link RoutingTextToSpeech}
   * picks by name and refuses names it cannot serve.
   */
  default TextToSpeech forProvider(String provider) {
    return this;
  }

  /** Releases threads and connections the synthesiser holds. */
  @Override
  default void close() {}

  /** One synthesis in progress. */
  interface Stream {

    /** Stops synthesis; no callbacks follow once it returns on the calling thread's view. */
    void cancel();
  }

  /** Audio callbacks; may arrive on any thread (the call hops to its event loop). */
  interface Listener {

    /** A chunk of μ-law audio; the array belongs to the receiver. */
    void onAudio(byte[] mulaw);

    /** Synthesis finished; no more audio. */
    void onComplete();

    /** Synthesis failed; no more audio. */
    void onError(Throwable error);
  }
}
