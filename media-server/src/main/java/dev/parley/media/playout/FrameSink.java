package dev.parley.media.playout;

/** Where the playout sends what it schedules; the call writes these as Twilio frames. */
public interface FrameSink {

  /** One outbound media frame of {@code len} μ-law bytes; the array is reused after the call. */
  void sendMedia(byte[] mulaw, int off, int len);

  /** A mark named {@code number}. */
  void sendMark(long number);

  /** Twilio {@code clear}. */
  void sendClear();

  /** Flushes what was written since the last flush. */
  void flush();
}
