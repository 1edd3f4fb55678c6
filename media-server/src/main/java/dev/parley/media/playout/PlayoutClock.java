package dev.parley.media.playout;

/**
 * The marks in flight to Twilio and what their echoes say about playback. Marks are numbered in the
 * order sent; Twilio echoes them in order as playback reaches them, and echoes every pending one at
 * once after a {@code clear}, so an echo of a mark sent before our last clear means nothing about
 * playback and is dropped.
 *
 * <p>Fixed-size ring, no allocation after construction. Event loop only.
 */
public final class PlayoutClock {

  private final long[] streamMs;
  private final long[] utteranceId;
  private final int[] utteranceMs;
  private final boolean[] last;
  private final int mask;
  private final int markIntervalMs;
  private long nextMark;
  private long oldestPending;
  private long clearedThrough = -1;

  private long playedStreamMs;
  private long anchorNanos;
  private boolean anchored;

  /**
   * @param capacity marks that may be in flight at once (power of two)
   * @param markIntervalMs ms of audio between regular marks, the most the clock extrapolates past
   *     the last echo
   */
  public PlayoutClock(int capacity, int markIntervalMs) {
    if (Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two");
    }
    this.streamMs = new long[capacity];
    this.utteranceId = new long[capacity];
    this.utteranceMs = new int[capacity];
    this.last = new boolean[capacity];
    this.mask = capacity - 1;
    this.markIntervalMs = markIntervalMs;
  }

  /** True when another mark can be recorded. */
  public boolean hasRoom() {
    return nextMark - oldestPending <= mask;
  }

  /** Marks sent and not yet echoed. */
  public int pending() {
    return (int) (nextMark - oldestPending);
  }

  /**
   * Records a mark placed after {@code streamPosMs} of stream audio, {@code uttMs} into utterance
   * {@code uttId}; returns its number (the mark's name).
   */
  public long record(long streamPosMs, long uttId, int uttMs, boolean lastOfUtterance) {
    long n = nextMark++;
    int i = (int) (n & mask);
    streamMs[i] = streamPosMs;
    utteranceId[i] = uttId;
    utteranceMs[i] = uttMs;
    last[i] = lastOfUtterance;
    return n;
  }

  /**
   * Starts extrapolating playback from {@code streamPosMs} at {@code nowNanos}: called when audio
   * goes out while Twilio's buffer is empty, since Twilio starts playing it at once.
   */
  public void anchor(long streamPosMs, long nowNanos) {
    playedStreamMs = streamPosMs;
    anchorNanos = nowNanos;
    anchored = true;
  }

  /**
   * Applies an echo of mark {@code number}; reports each real playback point to {@code listener}.
   * Returns whether it said where playback is (false for an unknown mark or one sent before a
   * clear).
   */
  public boolean onEcho(long number, long nowNanos, PlayoutListener listener) {
    if (number < oldestPending || number >= nextMark) {
      return false;
    }
    boolean meaningful = false;
    while (oldestPending <= number) {
      long n = oldestPending++;
      if (n <= clearedThrough) {
        continue;
      }
      int i = (int) (n & mask);
      meaningful = true;
      playedStreamMs = streamMs[i];
      anchorNanos = nowNanos;
      anchored = true;
      if (last[i]) {
        listener.utterancePlayed(utteranceId[i], utteranceMs[i], true);
      }
    }
    return meaningful;
  }

  /** After a {@code clear}: every mark sent so far will echo without meaning playback. */
  public void cleared(long streamPosMs, long nowNanos) {
    clearedThrough = nextMark - 1;
    anchor(streamPosMs, nowNanos);
  }

  /**
   * Estimated stream position Twilio has played at {@code nowNanos}: the last echo extrapolated in
   * real time, by at most one mark interval plus two frames (an echo late by network jitter must
   * not let the lead grow unbounded), and never past {@code sentStreamMs}.
   */
  public long playedMs(long nowNanos, long sentStreamMs) {
    if (!anchored) {
      return sentStreamMs;
    }
    long elapsed = (nowNanos - anchorNanos) / 1_000_000L;
    long ext = Math.min(elapsed, markIntervalMs + 40L);
    return Math.min(sentStreamMs, playedStreamMs + Math.max(0, ext));
  }

  /**
   * True while a mark sent since the last clear has not been echoed, so Twilio may still be
   * playing; a peer that stops echoing is given up on {@code graceMs} after the audio sent should
   * have played.
   */
  public boolean awaitingEcho(long nowNanos, long sentStreamMs, long graceMs) {
    long firstMeaningful = Math.max(oldestPending, clearedThrough + 1);
    if (nextMark <= firstMeaningful) {
      return false;
    }
    long dueMs = sentStreamMs - playedStreamMs + graceMs;
    return (nowNanos - anchorNanos) / 1_000_000L < dueMs;
  }

  /** Stream position of the last meaningful echo. */
  public long confirmedMs() {
    return playedStreamMs;
  }
}
