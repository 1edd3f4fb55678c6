package dev.parley.protocol;

import java.util.UUID;

/**
 * CALL_STATS: the node's counters for one call, sent before SESSION_END (and periodically on long
 * calls). All counts are totals since the stream started.
 *
 * @param callId the call
 * @param framesIn media frames received from Twilio
 * @param framesOut media frames sent to Twilio
 * @param bytesIn μ-law payload bytes received
 * @param bytesOut μ-law payload bytes sent
 * @param droppedFrames inbound frames dropped (late, malformed, or over budget)
 * @param bargeIns confirmed barge-ins
 * @param playoutGaps times the outbound audio ran dry mid-utterance
 * @param maxInboundNanos the slowest inbound frame's processing time
 * @param meanInboundNanos the mean inbound frame processing time
 */
public record CallStats(
    UUID callId,
    long framesIn,
    long framesOut,
    long bytesIn,
    long bytesOut,
    long droppedFrames,
    long bargeIns,
    long playoutGaps,
    long maxInboundNanos,
    long meanInboundNanos)
    implements ProtocolMessage {

  /** Validates the fields: every counter is non-negative. */
  public CallStats {
    Checks.callId(callId);
    Checks.nonNegative(framesIn, "frames in");
    Checks.nonNegative(framesOut, "frames out");
    Checks.nonNegative(bytesIn, "bytes in");
    Checks.nonNegative(bytesOut, "bytes out");
    Checks.nonNegative(droppedFrames, "dropped frames");
    Checks.nonNegative(bargeIns, "barge-ins");
    Checks.nonNegative(playoutGaps, "playout gaps");
    Checks.nonNegative(maxInboundNanos, "max inbound ns");
    Checks.nonNegative(meanInboundNanos, "mean inbound ns");
  }

  @Override
  public MessageType type() {
    return MessageType.CALL_STATS;
  }
}
