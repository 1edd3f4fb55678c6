package dev.parley.audio.echo;

/** Receives held μ-law frames in arrival order; the array is only valid during the call. */
@FunctionalInterface
public interface PreRollConsumer {

  /**
   * One held frame: {@code len} bytes at {@code off}, whose first sample has index {@code
   * sampleIndex}.
   */
  void accept(byte[] buf, int off, int len, long sampleIndex);
}
