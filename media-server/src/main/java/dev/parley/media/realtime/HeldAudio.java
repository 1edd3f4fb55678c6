package dev.parley.media.realtime;

import java.util.ArrayDeque;

/**
 * The callee's μ-law frames that arrive while the provider socket opens: copied (the frame buffer
 * is not ours to keep), held up to 5 s with the oldest dropped and counted beyond that, and sent on
 * in order once the socket is up. Event loop only.
 */
final class HeldAudio {

  /** 5 s of 20 ms frames, longer than any sane handshake. */
  private static final int MAX_FRAMES = 250;

  private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
  private long dropped;

  /** Holds a copy of one frame. */
  void hold(byte[] mulaw, int off, int len) {
    if (frames.size() == MAX_FRAMES) {
      frames.poll();
      dropped++;
    }
    byte[] copy = new byte[len];
    System.arraycopy(mulaw, off, copy, 0, len);
    frames.add(copy);
  }

  /** Sends every held frame to {@code client}, oldest first, and lets go of them. */
  void sendTo(RealtimeClient client) {
    while (!frames.isEmpty()) {
      byte[] f = frames.poll();
      client.sendAudio(f, 0, f.length);
    }
  }

  /** Lets go of the held frames unsent (teardown). */
  void clear() {
    frames.clear();
  }

  /** Frames dropped because the socket took longer than 5 s to open. */
  long dropped() {
    return dropped;
  }
}
