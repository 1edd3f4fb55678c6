package dev.parley.media.speech;

/**
 * A streaming speech recogniser. {@link #open} starts one session per call; the session takes the
 * callee's μ-law audio as it arrives and reports transcripts through its listener.
 */
public interface SpeechToText {

  /** Opens a recognition session for one call. */
  Session open(String callId, String language, Listener listener);

  /** One call's recognition stream. Methods are called on the call's event loop. */
  interface Session extends AutoCloseable {

    /**
     * Sends one chunk of 8 kHz μ-law audio whose first sample is {@code sampleIndex} samples into
     * the inbound stream. The array is only valid during the call; implementations copy.
     */
    void sendAudio(byte[] mulaw, int off, int len, long sampleIndex);

    /** Ends the stream and releases its resources (a provider socket, a thread); idempotent. */
    @Override
    void close();
  }

  /** Transcript callbacks; may arrive on any thread (the call hops to its event loop). */
  interface Listener {

    /**
     * A transcript of utterance {@code utteranceSeq} spanning {@code startMs}..{@code endMs} of the
     * inbound stream; interim ones may be revised, a final one is settled.
     */
    void onTranscript(
        int utteranceSeq, boolean isFinal, int startMs, int endMs, float confidence, String text);

    /** The provider failed; the call goes on without transcripts. */
    default void onError(Throwable error) {}
  }
}
