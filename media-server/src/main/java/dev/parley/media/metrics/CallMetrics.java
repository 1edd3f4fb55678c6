package dev.parley.media.metrics;

/**
 * One call's counters, written only on the call's event loop (plain fields, no atomics) and read
 * when the call ends for CALL_STATS.
 */
public final class CallMetrics {

  public long framesIn;
  public long bytesIn;
  public long framesOut;
  public long bytesOut;
  public long droppedFrames;
  public long malformedFrames;
  public long bargeIns;
  public long playoutGaps;
  public long maxInboundNanos;
  public long totalInboundNanos;
  public long marksSent;
  public long marksEchoed;

  /** Records the processing time of one inbound media frame. */
  public void inboundProcessed(long nanos) {
    totalInboundNanos += nanos;
    if (nanos > maxInboundNanos) {
      maxInboundNanos = nanos;
    }
  }

  /** Mean inbound processing time in ns, 0 before any frame. */
  public long meanInboundNanos() {
    return framesIn == 0 ? 0 : totalInboundNanos / framesIn;
  }
}
