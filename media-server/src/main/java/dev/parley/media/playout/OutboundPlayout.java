package dev.parley.media.playout;

import dev.parley.media.twilio.TwilioFrameLayout;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Paces queued outbound audio to Twilio: keeps at most {@code leadMs} of audio buffered at Twilio
 * ahead of its estimated playback, in 20 ms frames, with a mark every {@code markEveryFrames}
 * frames and at the end of each utterance. Driven by the call's 20 ms event-loop tick.
 *
 * <p>Per frame it allocates nothing: frames are copied into one reused array and handed to the
 * {@link FrameSink}. Event loop only.
 */
public final class OutboundPlayout {

  private static final int FRAME_BYTES = TwilioFrameLayout.FRAME_BYTES;
  private static final int FRAME_MS = TwilioFrameLayout.FRAME_MS;

  /** How long past its due time a mark echo is waited for before playback counts as over. */
  private static final long ECHO_GRACE_MS = 2000;

  /** What a barge-in cut short: the utterance playing and how much of it Twilio had played. */
  public record Interruption(long utteranceId, int heardMs, int sentMs) {}

  private final FrameSink sink;
  private final PlayoutListener listener;
  private final PlayoutClock clock;
  private final int leadMs;
  private final int markEveryFrames;
  private final ArrayDeque<Utterance> queue = new ArrayDeque<>();
  private final ArrayDeque<Utterance> inFlight = new ArrayDeque<>();
  private final byte[] frame = new byte[FRAME_BYTES];
  private long sentStreamMs;
  private int framesSinceMark;
  private boolean starved;
  private long framesSent;
  private long gaps;

  public OutboundPlayout(
      FrameSink sink, PlayoutListener listener, int leadMs, int markEveryFrames) {
    this.sink = sink;
    this.listener = listener;
    this.leadMs = leadMs;
    this.markEveryFrames = markEveryFrames;
    this.clock = new PlayoutClock(256, markEveryFrames * FRAME_MS);
  }

  /** Queues a new utterance; audio follows with {@link #append} and ends with {@link #finish}. */
  public void enqueue(long utteranceId, int expectedBytes, boolean interruptible) {
    queue.add(new Utterance(utteranceId, expectedBytes, interruptible));
  }

  /** Whether the audio playing now (or next) may be interrupted by the callee. */
  public boolean interruptibleNow() {
    Utterance u = inFlight.isEmpty() ? queue.peek() : inFlight.peekFirst();
    return u == null || u.interruptible;
  }

  /** Adds audio to a queued utterance; ignored when it was dropped by a barge-in or clear. */
  public void append(long utteranceId, byte[] mulaw, int off, int len) {
    Utterance u = find(utteranceId);
    if (u != null) {
      u.append(mulaw, off, len);
    }
  }

  /** Says no more audio will come for the utterance. */
  public void finish(long utteranceId) {
    Utterance u = find(utteranceId);
    if (u != null) {
      u.finish();
    }
  }

  /** True when the utterance is still queued or sending. */
  public boolean queued(long utteranceId) {
    return find(utteranceId) != null;
  }

  private Utterance find(long id) {
    for (Utterance u : queue) {
      if (u.id == id) {
        return u;
      }
    }
    return null;
  }

  /** Sends as many frames as the lead allows at {@code nowNanos}. */
  public void tick(long nowNanos) {
    long played = clock.playedMs(nowNanos, sentStreamMs);
    boolean wrote = false;
    while (sentStreamMs - played + FRAME_MS <= leadMs && clock.hasRoom()) {
      Utterance u = queue.peek();
      if (u == null) {
        break;
      }
      if (u.available() < FRAME_BYTES && !u.finished()) {
        // TTS is behind real time; a gap is audible only once Twilio has run dry.
        if (!starved && sentStreamMs <= played && u.streamStartMs >= 0) {
          starved = true;
          gaps++;
        }
        break;
      }
      if (sentStreamMs <= played) {
        clock.anchor(sentStreamMs, nowNanos);
        played = sentStreamMs;
      }
      if (u.streamStartMs < 0) {
        u.streamStartMs = sentStreamMs;
        inFlight.add(u);
        listener.utteranceStarted(u.id);
      }
      int n = u.take(frame, FRAME_BYTES);
      if (n < FRAME_BYTES) {
        Arrays.fill(frame, n, FRAME_BYTES, (byte) 0xFF);
      }
      sink.sendMedia(frame, 0, FRAME_BYTES);
      sentStreamMs += FRAME_MS;
      framesSent++;
      framesSinceMark++;
      starved = false;
      wrote = true;
      boolean end = u.fullySent();
      if (end || framesSinceMark >= markEveryFrames) {
        long mark = clock.record(sentStreamMs, u.id, u.sentBytes() / 8, end);
        sink.sendMark(mark);
        framesSinceMark = 0;
      }
      if (end) {
        queue.poll();
      }
    }
    if (wrote) {
      sink.flush();
    }
  }

  /**
   * Applies Twilio's echo of mark {@code number}; returns the stream position (ms) playback has
   * just reached, or -1 when the echo says nothing about playback (a mark sent before a clear).
   */
  public long onMarkEcho(long number, long nowNanos) {
    return clock.onEcho(number, nowNanos, this::played) ? clock.confirmedMs() : -1;
  }

  private void played(long utteranceId, int playedMs, boolean complete) {
    if (complete) {
      inFlight.removeIf(u -> u.id == utteranceId);
    }
    listener.utterancePlayed(utteranceId, playedMs, complete);
  }

  /**
   * Barge-in or CLEAR: sends Twilio {@code clear}, drops every queued utterance, and returns what
   * was playing and how much of it had been heard (from the marks, extrapolated by at most one mark
   * interval), or null when nothing was playing.
   */
  public Interruption interrupt(long nowNanos) {
    long played = clock.playedMs(nowNanos, sentStreamMs);
    Interruption cut = null;
    for (Utterance u : inFlight) {
      int sentMs = u.sentBytes() / 8;
      long heard = Math.max(0, Math.min(played - u.streamStartMs, sentMs));
      if (heard >= sentMs && u.finished() && u.sentBytes() > 0 && cut == null && u != lastOf()) {
        // Played to its end before the cut; only its final mark was still in flight.
        listener.utterancePlayed(u.id, sentMs, true);
        continue;
      }
      if (cut == null) {
        cut = new Interruption(u.id, (int) heard, sentMs);
      }
    }
    if (cut == null && !queue.isEmpty()) {
      cut = new Interruption(queue.peek().id, 0, 0);
    }
    boolean hadAudio = sentStreamMs > played;
    queue.clear();
    inFlight.clear();
    framesSinceMark = 0;
    starved = false;
    if (hadAudio || clock.pending() > 0 || cut != null) {
      sink.sendClear();
      sink.flush();
    }
    clock.cleared(sentStreamMs, nowNanos);
    return cut;
  }

  private Utterance lastOf() {
    return inFlight.peekLast();
  }

  /**
   * True while audio is queued, or buffered at Twilio and not yet played by the estimate, or its
   * marks have not all been echoed (the estimate runs ahead of a late echo).
   */
  public boolean playing(long nowNanos) {
    return !queue.isEmpty()
        || sentStreamMs > clock.playedMs(nowNanos, sentStreamMs)
        || clock.awaitingEcho(nowNanos, sentStreamMs, ECHO_GRACE_MS);
  }

  /** Total ms of audio sent on the stream. */
  public long sentStreamMs() {
    return sentStreamMs;
  }

  /** Estimated stream position Twilio has played. */
  public long playedStreamMs(long nowNanos) {
    return clock.playedMs(nowNanos, sentStreamMs);
  }

  public long framesSent() {
    return framesSent;
  }

  /** Times Twilio ran dry in the middle of an utterance because its audio came late. */
  public long gaps() {
    return gaps;
  }
}
