package dev.parley.audio.echo;

import dev.parley.audio.codec.MuLaw;

/**
 * Decides whether an inbound frame can be explained as the echo of the agent's own recent audio or
 * is clearly the other person: inbound energy above the loudest outbound frame in the echo window,
 * attenuated by the worst-case echo return loss plus a margin, cannot be echo.
 *
 * <p>Timeline: every sample index given to this class, outbound and inbound, counts samples
 * received on the inbound stream since it started. The media server maps outbound frames onto it
 * from Twilio's mark echoes (the sample index at which playout of a frame began). Outbound frames
 * must be reported in playout order; reporting a frame that starts earlier than frames already
 * reported (after a {@code clear}, say) forgets those later frames, which were never played.
 *
 * <p>Also holds a pre-roll of inbound frames ({@link #holdFrame}, {@link #drainPreRoll}) so speech
 * accepted after a few gated frames reaches STT whole.
 *
 * <p>Per frame this class allocates nothing. One instance per call; not thread-safe.
 */
public final class EchoGate {

  /** Outbound frames remembered: the echo window plus what is queued ahead at Twilio. */
  private static final int HISTORY = 512;

  private final long maxDelaySamples;
  private final double echoGain;
  private final long[] outStart = new long[HISTORY];
  private final int[] outLength = new int[HISTORY];
  private final double[] outMeanSquare = new double[HISTORY];
  private final PreRollBuffer preRoll;
  private int newest = -1;
  private int count;

  private long framesChecked;
  private long framesEcho;

  /** Creates a gate with an empty outbound history and a preallocated pre-roll. */
  public EchoGate(EchoGateConfig config) {
    this.maxDelaySamples = (long) config.maxEchoDelayMillis() * MuLaw.SAMPLE_RATE / 1000;
    this.echoGain = Math.pow(10, (config.marginDb() - config.echoReturnLossDb()) / 10);
    int preRollFrames = Math.max(1, config.preRollMillis() / MuLaw.FRAME_MILLIS);
    this.preRoll = new PreRollBuffer(preRollFrames, MuLaw.FRAME_SAMPLES);
  }

  /** Records an outbound μ-law frame whose playout starts at {@code playoutStartSample}. */
  public void onOutboundFrame(byte[] buf, int off, int len, long playoutStartSample) {
    onOutboundEnergy(playoutStartSample, len, MuLaw.energy(buf, off, len));
  }

  /**
   * Records an outbound frame by its energy (sum of squared linear samples, as {@link
   * MuLaw#energy(byte[], int, int)} computes) when the caller has already computed it.
   */
  public void onOutboundEnergy(long playoutStartSample, int samples, long energy) {
    if (samples <= 0) {
      return;
    }
    while (count > 0 && outStart[newest] >= playoutStartSample) {
      newest = (newest - 1 + HISTORY) % HISTORY;
      count--;
    }
    newest = (newest + 1) % HISTORY;
    if (count < HISTORY) {
      count++;
    }
    outStart[newest] = playoutStartSample;
    outLength[newest] = samples;
    outMeanSquare[newest] = (double) energy / samples;
  }

  /**
   * Forgets outbound frames that were scheduled at or after {@code sampleIndex} but never played.
   */
  public void onPlaybackCleared(long sampleIndex) {
    while (count > 0 && outStart[newest] >= sampleIndex) {
      newest = (newest - 1 + HISTORY) % HISTORY;
      count--;
    }
  }

  /** Whether the inbound frame starting at {@code sampleIndex} can be explained as echo. */
  public boolean isEcho(byte[] buf, int off, int len, long sampleIndex) {
    return isEchoEnergy(MuLaw.energy(buf, off, len), len, sampleIndex);
  }

  /** As {@link #isEcho(byte[], int, int, long)} from a precomputed frame energy. */
  public boolean isEchoEnergy(long energy, int len, long sampleIndex) {
    framesChecked++;
    if (len <= 0) {
      return false;
    }
    double loudest = loudestOutbound(sampleIndex, len);
    boolean echo = loudest > 0 && (double) energy / len <= loudest * echoGain;
    if (echo) {
      framesEcho++;
    }
    return echo;
  }

  /** Whether any outbound audio played within the echo window of this inbound frame. */
  public boolean outboundActive(long sampleIndex, int len) {
    return loudestOutbound(sampleIndex, len) > 0;
  }

  /**
   * Loudest outbound mean-square among frames playing between {@code maxDelay} before the inbound
   * frame and its end: any of them may be what this frame echoes.
   */
  private double loudestOutbound(long sampleIndex, int len) {
    long windowStart = sampleIndex - maxDelaySamples;
    long windowEnd = sampleIndex + len;
    double loudest = 0;
    for (int i = 0, slot = newest; i < count; i++, slot = (slot - 1 + HISTORY) % HISTORY) {
      long start = outStart[slot];
      if (start + outLength[slot] <= windowStart) {
        break;
      }
      if (start < windowEnd && outMeanSquare[slot] > loudest) {
        loudest = outMeanSquare[slot];
      }
    }
    return loudest;
  }

  /** Holds an inbound frame in the pre-roll ring (oldest dropped when full). */
  public void holdFrame(byte[] buf, int off, int len, long sampleIndex) {
    preRoll.hold(buf, off, len, sampleIndex);
  }

  /** Releases held frames to {@code consumer}, oldest first, and empties the pre-roll. */
  public int drainPreRoll(PreRollConsumer consumer) {
    return preRoll.drain(consumer);
  }

  /** Drops held frames (they were echo after all). */
  public void clearPreRoll() {
    preRoll.clear();
  }

  /** Frames currently held in the pre-roll. */
  public int preRollSize() {
    return preRoll.size();
  }

  /** Inbound frames checked so far. */
  public long framesChecked() {
    return framesChecked;
  }

  /** Inbound frames judged echo so far. */
  public long framesEcho() {
    return framesEcho;
  }
}
