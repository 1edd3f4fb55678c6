package dev.parley.media.metrics;

import dev.parley.media.twilio.TwilioFrameException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Node-wide counters, summed from every call, rendered in Prometheus text exposition format.
 * Increments are {@link LongAdder}s so event loops never contend; per-frame counts are folded in
 * from {@link CallMetrics} when a call ends, not per frame.
 */
public final class ServerMetrics {

  public final LongAdder streamsOpened = new LongAdder();
  public final LongAdder callsStarted = new LongAdder();
  public final LongAdder authFailures = new LongAdder();
  public final LongAdder signatureFailures = new LongAdder();
  public final LongAdder framesIn = new LongAdder();
  public final LongAdder bytesIn = new LongAdder();
  public final LongAdder framesOut = new LongAdder();
  public final LongAdder bytesOut = new LongAdder();
  public final LongAdder droppedFrames = new LongAdder();
  public final LongAdder bargeIns = new LongAdder();
  public final LongAdder playoutGaps = new LongAdder();
  public final LongAdder dtmfReceived = new LongAdder();
  public final LongAdder controlReconnects = new LongAdder();
  public final LongAdder sttFailures = new LongAdder();
  public final AtomicLong maxInboundNanos = new AtomicLong();
  private final Map<TwilioFrameException.Kind, LongAdder> malformed =
      new EnumMap<>(TwilioFrameException.Kind.class);
  private final Map<String, LongAdder> endedByReason = new ConcurrentHashMap<>();
  private volatile IntSupplier activeCalls = () -> 0;
  private volatile java.util.function.BooleanSupplier controlConnected = () -> false;

  public ServerMetrics() {
    for (TwilioFrameException.Kind k : TwilioFrameException.Kind.values()) {
      malformed.put(k, new LongAdder());
    }
  }

  /** Counts one malformed frame of {@code kind}. */
  public void malformed(TwilioFrameException.Kind kind) {
    malformed.get(kind).increment();
  }

  public long malformedCount(TwilioFrameException.Kind kind) {
    return malformed.get(kind).sum();
  }

  /** Counts one call teardown with {@code reason}. */
  public void callEnded(String reason, CallMetrics m) {
    endedByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    framesIn.add(m.framesIn);
    bytesIn.add(m.bytesIn);
    framesOut.add(m.framesOut);
    bytesOut.add(m.bytesOut);
    droppedFrames.add(m.droppedFrames);
    bargeIns.add(m.bargeIns);
    playoutGaps.add(m.playoutGaps);
    maxInboundNanos.accumulateAndGet(m.maxInboundNanos, Math::max);
  }

  /** Calls ended with {@code reason} so far. */
  public long endedCount(String reason) {
    LongAdder a = endedByReason.get(reason);
    return a == null ? 0 : a.sum();
  }

  /** Total calls ended. */
  public long endedTotal() {
    return endedByReason.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public void activeCalls(IntSupplier supplier) {
    this.activeCalls = supplier;
  }

  public void controlConnected(java.util.function.BooleanSupplier supplier) {
    this.controlConnected = supplier;
  }

  public int activeCalls() {
    return activeCalls.getAsInt();
  }

  /** Prometheus text exposition format, version 0.0.4. */
  public String render() {
    StringBuilder sb = new StringBuilder(2048);
    gauge(
        sb, "parley_media_active_calls", "Calls in progress on this node", activeCalls.getAsInt());
    gauge(
        sb,
        "parley_media_control_connected",
        "1 when the control link is up",
        controlConnected.getAsBoolean() ? 1 : 0);
    counter(
        sb, "parley_media_streams_opened_total", "WebSocket streams accepted", streamsOpened.sum());
    counter(
        sb,
        "parley_media_calls_started_total",
        "Streams that passed authentication",
        callsStarted.sum());
    counter(
        sb,
        "parley_media_auth_failures_total",
        "Streams closed for a missing or bad stream token",
        authFailures.sum());
    counter(
        sb,
        "parley_media_signature_failures_total",
        "Upgrades refused for a bad X-Twilio-Signature",
        signatureFailures.sum());
    counter(
        sb, "parley_media_frames_in_total", "Inbound media frames (ended calls)", framesIn.sum());
    counter(sb, "parley_media_bytes_in_total", "Inbound mu-law bytes (ended calls)", bytesIn.sum());
    counter(
        sb,
        "parley_media_frames_out_total",
        "Outbound media frames (ended calls)",
        framesOut.sum());
    counter(
        sb, "parley_media_bytes_out_total", "Outbound mu-law bytes (ended calls)", bytesOut.sum());
    counter(sb, "parley_media_dropped_frames_total", "Inbound frames dropped", droppedFrames.sum());
    counter(sb, "parley_media_barge_ins_total", "Confirmed barge-ins", bargeIns.sum());
    counter(
        sb,
        "parley_media_playout_gaps_total",
        "Times outbound audio ran dry mid-utterance",
        playoutGaps.sum());
    counter(sb, "parley_media_dtmf_received_total", "DTMF digits received", dtmfReceived.sum());
    counter(
        sb,
        "parley_media_stt_failures_total",
        "calls whose speech recogniser could not be opened",
        sttFailures.sum());
    counter(
        sb,
        "parley_media_control_reconnects_total",
        "Control link connection attempts after the first",
        controlReconnects.sum());
    gauge(
        sb,
        "parley_media_max_inbound_nanos",
        "Slowest inbound frame processing time seen",
        maxInboundNanos.get());
    sb.append("# HELP parley_media_malformed_frames_total Frames rejected from Twilio, by kind\n");
    sb.append("# TYPE parley_media_malformed_frames_total counter\n");
    malformed.forEach(
        (k, v) ->
            sb.append("parley_media_malformed_frames_total{kind=\"")
                .append(k.name().toLowerCase(java.util.Locale.ROOT))
                .append("\"} ")
                .append(v.sum())
                .append('\n'));
    sb.append("# HELP parley_media_calls_ended_total Calls torn down, by reason\n");
    sb.append("# TYPE parley_media_calls_ended_total counter\n");
    endedByReason.forEach(
        (k, v) ->
            sb.append("parley_media_calls_ended_total{reason=\"")
                .append(k)
                .append("\"} ")
                .append(v.sum())
                .append('\n'));
    return sb.toString();
  }

  private static void counter(StringBuilder sb, String name, String help, long v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(" counter\n");
    sb.append(name).append(' ').append(v).append('\n');
  }

  private static void gauge(StringBuilder sb, String name, String help, long v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(" gauge\n");
    sb.append(name).append(' ').append(v).append('\n');
  }
}
