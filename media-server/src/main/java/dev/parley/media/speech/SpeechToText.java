package dev.parley.media.speech;

import java.util.Map;
import java.util.Objects;

/**
 * A streaming speech recogniser. {@link #open} starts one session per call; the session takes the
 * callee's μ-law audio as it arrives and reports transcripts through its listener.
 */
public interface SpeechToText {

  /**
   * Opens a recognition session for one call. Throws when the call cannot be served (a provider
   * that refuses the call, a missing key); the call then goes on without transcripts.
   */
  Session open(CallInfo call, Listener listener);

  /**
   * What a recogniser may know about the call it serves: the control plane's SESSION_START (when
   * one arrived before the stream) and the stream's own {@code <Parameter>}s.
   *
   * @param callId the session id
   * @param language BCP 47 language tag, e.g. {@code en-US}
   * @param remoteNumber E.164 number of the other party, or empty when unknown
   * @param provider the STT provider SESSION_START asked for, or empty for the node's default
   * @param streamParameters the custom parameters of Twilio's {@code start} message
   */
  record CallInfo(
      String callId,
      String language,
      String remoteNumber,
      String provider,
      Map<String, String> streamParameters) {
    public CallInfo {
      Objects.requireNonNull(callId, "callId");
      language = language == null || language.isEmpty() ? "en-US" : language;
      remoteNumber = remoteNumber == null ? "" : remoteNumber;
      provider = provider == null ? "" : provider;
      streamParameters = streamParameters == null ? Map.of() : Map.copyOf(streamParameters);
    }

    /** A call known only by id and language (tests, tools). */
    public static CallInfo of(String callId, String language) {
      return new CallInfo(callId, language, "", "", Map.of());
    }
  }

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

    /**
     * Ends the stream like {@link #close} and runs {@code settled} once, after every transcript the
     * recogniser still owes for audio already sent has reached the listener: at once for a local
     * recogniser, which settles as it closes; for a cloud stream once the provider has sent its
     * last results and closed, or its close timeout ran out. {@code settled} may run on any thread.
     */
    default void finish(Runnable settled) {
      try {
        close();
      } finally {
        settled.run();
      }
    }
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
