package dev.parley.audio.tts;

/** Receives synthesised speech as 20 ms μ-law frames, in order. */
@FunctionalInterface
public interface FrameSink {

  /**
   * One frame of {@code len} μ-law bytes at {@code off}; the array is reused once this returns.
   * Return false to stop the synthesis (barge-in); no further frames follow.
   */
  boolean onFrame(byte[] frame, int off, int len);
}
