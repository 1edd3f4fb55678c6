package dev.parley.emulator.stream;

import dev.parley.audio.codec.MuLaw;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * SIMULATION ONLY: Twilio's outbound playout buffer for one call.
 *
 * <p>Audio and marks queue in arrival order; the media clock takes one 160-byte frame per 20 ms. A
 * mark is echoed when playback reaches it: on the tick after the frame holding its position has
 * played (at once if nothing is queued before it). {@code clear} drops the queued audio and echoes
 * every pending mark, as Twilio does. Confined to the call's event loop.
 */
public final class PlayoutBuffer {

  /** Receives marks as playback reaches them (or as {@code clear} flushes them). */
  @FunctionalInterface
  public interface MarkListener {
    void markReached(String name);
  }

  private record Mark(String name) {}

  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private final List<String> reachedInLastFrame = new ArrayList<>();
  private final long limitBytes;
  private int headOffset;
  private long bufferedBytes;
  private long droppedBytes;

  /** A buffer holding at most {@code limitBytes} of queued audio; more is dropped and counted. */
  public PlayoutBuffer(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  /** Queues μ-law audio; returns false (and drops it) if the buffer is full. */
  public boolean enqueueAudio(byte[] ulaw) {
    if (ulaw.length == 0) {
      return true;
    }
    if (bufferedBytes + ulaw.length > limitBytes) {
      droppedBytes += ulaw.length;
      return false;
    }
    queue.addLast(ulaw);
    bufferedBytes += ulaw.length;
    return true;
  }

  /** Queues a mark behind the audio queued so far. */
  public void enqueueMark(String name) {
    queue.addLast(new Mark(name));
  }

  /**
   * Plays one frame into {@code frame} (padding with silence when the queue runs dry), echoing the
   * marks playback reached since the last frame. Returns the number of audio bytes played.
   */
  public int nextFrame(byte[] frame, MarkListener listener) {
    for (String name : reachedInLastFrame) {
      listener.markReached(name);
    }
    reachedInLastFrame.clear();
    while (queue.peekFirst() instanceof Mark m) {
      queue.pollFirst();
      listener.markReached(m.name());
    }
    int filled = 0;
    while (filled < frame.length && !queue.isEmpty()) {
      Object head = queue.peekFirst();
      if (head instanceof Mark m) {
        queue.pollFirst();
        reachedInLastFrame.add(m.name());
        continue;
      }
      byte[] chunk = (byte[]) head;
      int n = Math.min(frame.length - filled, chunk.length - headOffset);
      System.arraycopy(chunk, headOffset, frame, filled, n);
      filled += n;
      headOffset += n;
      bufferedBytes -= n;
      if (headOffset == chunk.length) {
        queue.pollFirst();
        headOffset = 0;
      }
    }
    for (int i = filled; i < frame.length; i++) {
      frame[i] = MuLaw.SILENCE;
    }
    return filled;
  }

  /** Drops all queued audio and echoes every pending mark in order. */
  public void clear(MarkListener listener) {
    for (String name : reachedInLastFrame) {
      listener.markReached(name);
    }
    reachedInLastFrame.clear();
    for (Object o : queue) {
      if (o instanceof Mark m) {
        listener.markReached(m.name());
      }
    }
    queue.clear();
    headOffset = 0;
    bufferedBytes = 0;
  }

  /** Drops everything without echoing marks (the stream is gone). */
  public void discard() {
    reachedInLastFrame.clear();
    queue.clear();
    headOffset = 0;
    bufferedBytes = 0;
  }

  /** Whether nothing is queued or waiting to be echoed. */
  public boolean isIdle() {
    return queue.isEmpty() && reachedInLastFrame.isEmpty();
  }

  /** Audio bytes queued and not yet played. */
  public long bufferedBytes() {
    return bufferedBytes;
  }

  /** Audio bytes dropped because the buffer was full. */
  public long droppedBytes() {
    return droppedBytes;
  }
}
