package dev.parley.media.playout;

/**
 * One queued stretch of outbound μ-law audio (a TTS utterance, a greeting or DTMF tones). Audio may
 * keep arriving while it plays; {@link #finish()} says no more will. Event loop only.
 */
final class Utterance {

  final long id;
  final boolean interruptible;
  private byte[] audio;
  private int length;
  private int cursor;
  private boolean finished;

  /** Stream position (ms of audio sent on the stream) where its first frame went out, -1 before. */
  long streamStartMs = -1;

  Utterance(long id, int initialCapacity, boolean interruptible) {
    this.id = id;
    this.interruptible = interruptible;
    this.audio = new byte[Math.max(initialCapacity, 160)];
  }

  void append(byte[] src, int off, int len) {
    if (length + len > audio.length) {
      audio = java.util.Arrays.copyOf(audio, Math.max(audio.length * 2, length + len));
    }
    System.arraycopy(src, off, audio, length, len);
    length += len;
  }

  void finish() {
    finished = true;
  }

  boolean finished() {
    return finished;
  }

  int available() {
    return length - cursor;
  }

  boolean fullySent() {
    return finished && cursor >= length;
  }

  /** Copies up to {@code max} bytes of the next frame into {@code dst}; returns how many. */
  int take(byte[] dst, int max) {
    int n = Math.min(max, length - cursor);
    System.arraycopy(audio, cursor, dst, 0, n);
    cursor += n;
    return n;
  }

  int sentBytes() {
    return cursor;
  }
}
