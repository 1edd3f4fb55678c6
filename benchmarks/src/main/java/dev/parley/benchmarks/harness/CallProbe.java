package dev.parley.benchmarks.harness;

import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the emulated callee and the control-plane stand-in of one call share, to time events that
 * start on one side and end on the other (both run in the harness JVM, so {@link System#nanoTime}
 * is one clock).
 */
final class CallProbe {

  /** A SPEAK is timed only when no agent audio arrived this recently (none still playing). */
  private static final long QUIET_BEFORE_SPEAK_NANOS = 300_000_000L;

  final int index;
  final UUID callId;
  final String number;
  final boolean echo;
  final long seed;
  final Measurements measurements;
  final boolean steadyStateProbe;
  final AtomicInteger nextUtterance = new AtomicInteger(1);
  private final Queue<Long> dtmfPressed = new ConcurrentLinkedQueue<>();
  private final AtomicLong speakSent = new AtomicLong();
  private final AtomicLong speechEnded = new AtomicLong();
  private volatile long lastAudioNanos;

  CallProbe(
      int index,
      UUID callId,
      String number,
      boolean echo,
      long seed,
      Measurements m,
      boolean steadyStateProbe) {
    this.steadyStateProbe = steadyStateProbe;
    this.index = index;
    this.callId = callId;
    this.number = number;
    this.echo = echo;
    this.seed = seed;
    this.measurements = m;
  }

  /** Callee side: agent audio arrived; times the SPEAK it answers, if one is pending. */
  void audioArrived(long now) {
    lastAudioNanos = now;
    long sent = speakSent.getAndSet(0);
    if (sent != 0) {
      measurements.turnOverhead.add(now - sent);
    }
  }

  /** Control side: a SPEAK is going out now. */
  void speakSending(long now) {
    if (now - lastAudioNanos > QUIET_BEFORE_SPEAK_NANOS) {
      speakSent.set(now);
    }
  }

  /** Callee side: its line ended now (last voiced frame sent). */
  void speechEnded(long now) {
    speechEnded.set(now);
  }

  /** Control side: a final transcript arrived now; times the endpointing of the last line. */
  void finalArrived(long now) {
    long ended = speechEnded.getAndSet(0);
    if (ended != 0) {
      measurements.endpointing.add(now - ended);
    }
  }

  /** Callee side: a DTMF digit goes up the stream on this frame. */
  void dtmfPressed(long now) {
    dtmfPressed.add(now);
    measurements.dtmfSent.increment();
  }

  /** Control side: the node reported a digit; digits arrive in the order they were pressed. */
  void dtmfReceived(long now) {
    measurements.dtmfReceived.increment();
    Long pressed = dtmfPressed.poll();
    if (pressed != null && measurements.windowOpen) {
      measurements.inboundWait.add(now - pressed);
    }
  }
}
