package dev.parley.emulator.stream;

import java.util.concurrent.atomic.LongAdder;

/**
 * SIMULATION ONLY: what the emulator's Media Streams did, summed over all calls; read by tests and
 * the load harness.
 */
public final class StreamCounters {
  final LongAdder streamsOpened = new LongAdder();
  final LongAdder connectFailures = new LongAdder();
  final LongAdder mediaSent = new LongAdder();
  final LongAdder mediaReceived = new LongAdder();
  final LongAdder bytesReceived = new LongAdder();
  final LongAdder marksEchoed = new LongAdder();
  final LongAdder clearsReceived = new LongAdder();
  final LongAdder protocolErrors = new LongAdder();
  final LongAdder unwritableSkips = new LongAdder();

  public long streamsOpened() {
    return streamsOpened.sum();
  }

  public long connectFailures() {
    return connectFailures.sum();
  }

  /** Inbound-track media frames sent to the application. */
  public long mediaSent() {
    return mediaSent.sum();
  }

  /** Media messages received from the application. */
  public long mediaReceived() {
    return mediaReceived.sum();
  }

  /** μ-law bytes received from the application. */
  public long bytesReceived() {
    return bytesReceived.sum();
  }

  public long marksEchoed() {
    return marksEchoed.sum();
  }

  public long clearsReceived() {
    return clearsReceived.sum();
  }

  public long protocolErrors() {
    return protocolErrors.sum();
  }

  /** Media frames not sent because the socket's buffer was full (slow peer). */
  public long unwritableSkips() {
    return unwritableSkips.sum();
  }

  @Override
  public String toString() {
    return "streams="
        + streamsOpened()
        + " connectFailures="
        + connectFailures()
        + " mediaSent="
        + mediaSent()
        + " mediaReceived="
        + mediaReceived()
        + " marksEchoed="
        + marksEchoed()
        + " clears="
        + clearsReceived()
        + " protocolErrors="
        + protocolErrors()
        + " unwritableSkips="
        + unwritableSkips();
  }
}
