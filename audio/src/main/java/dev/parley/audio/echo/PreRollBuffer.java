package dev.parley.audio.echo;

/**
 * Fixed ring of the most recent inbound μ-law frames, preallocated, so audio gated as possible echo
 * can still reach STT once it turns out to be the other person talking.
 *
 * <p>Per frame this class allocates nothing: frames are copied into slots made at construction.
 */
public final class PreRollBuffer {

  private final int slotBytes;
  private final byte[] data;
  private final int[] lengths;
  private final long[] sampleIndexes;
  private int head;
  private int size;

  /** A ring of {@code frames} slots of up to {@code slotBytes} bytes each. */
  public PreRollBuffer(int frames, int slotBytes) {
    if (frames < 1 || slotBytes < 1) {
      throw new IllegalArgumentException("frames and slotBytes must be >= 1");
    }
    this.slotBytes = slotBytes;
    this.data = new byte[frames * slotBytes];
    this.lengths = new int[frames];
    this.sampleIndexes = new long[frames];
  }

  /** Copies a frame in, overwriting the oldest when full. */
  public void hold(byte[] buf, int off, int len, long sampleIndex) {
    if (len > slotBytes || len < 0) {
      throw new IllegalArgumentException(
          "frame of " + len + " bytes does not fit a " + slotBytes + "-byte pre-roll slot");
    }
    int capacity = lengths.length;
    int slot = (head + size) % capacity;
    if (size == capacity) {
      head = (head + 1) % capacity;
    } else {
      size++;
    }
    System.arraycopy(buf, off, data, slot * slotBytes, len);
    lengths[slot] = len;
    sampleIndexes[slot] = sampleIndex;
  }

  /** Hands every held frame to {@code consumer}, oldest first, then empties; returns the count. */
  public int drain(PreRollConsumer consumer) {
    int drained = size;
    int capacity = lengths.length;
    for (int i = 0; i < drained; i++) {
      int slot = (head + i) % capacity;
      consumer.accept(data, slot * slotBytes, lengths[slot], sampleIndexes[slot]);
    }
    clear();
    return drained;
  }

  /** Drops every held frame. */
  public void clear() {
    head = 0;
    size = 0;
  }

  /** Frames currently held. */
  public int size() {
    return size;
  }

  /** Most frames the ring holds. */
  public int capacity() {
    return lengths.length;
  }
}
