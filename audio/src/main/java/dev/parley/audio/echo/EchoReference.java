package dev.parley.audio.echo;

import dev.parley.audio.codec.MuLaw;

/**
 * Our outbound audio as linear samples on the inbound timeline, for {@link EchoCanceller}: a ring
 * of {@value #RING} samples (1 s: the longest echo window, 460 ms, plus the filter, plus what is
 * queued ahead at Twilio) indexed by the inbound sample at which each sample began to play. Samples
 * never written, overwritten by newer ones, or cut by {@link #clear} read as silence.
 *
 * <p>Allocates nothing after construction. Not thread-safe.
 */
final class EchoReference {

  private static final int RING = 8192;
  private static final int RING_MASK = RING - 1;

  private final float[] far = new float[RING];
  private long farEnd;

  /** Our μ-law frame plays from inbound sample {@code startSample}. */
  void write(byte[] mulaw, int off, int len, long startSample) {
    if (startSample > farEnd) {
      long gap = Math.min(RING, startSample - farEnd);
      for (long p = startSample - gap; p < startSample; p++) {
        far[(int) (p & RING_MASK)] = 0;
      }
    }
    for (int i = 0; i < len; i++) {
      far[(int) ((startSample + i) & RING_MASK)] = MuLaw.decode(mulaw[off + i]);
    }
    farEnd = Math.max(farEnd, startSample + len);
  }

  /** Audio placed at or after {@code fromSample} really plays {@code delta} samples later. */
  void shift(long fromSample, long delta) {
    if (delta == 0 || fromSample >= farEnd) {
      return;
    }
    long from = Math.max(fromSample, farEnd - RING + Math.abs(delta));
    if (delta > 0) {
      for (long p = farEnd - 1; p >= from; p--) {
        far[(int) ((p + delta) & RING_MASK)] = far[(int) (p & RING_MASK)];
      }
      for (long p = from; p < from + Math.min(delta, RING); p++) {
        far[(int) (p & RING_MASK)] = 0;
      }
    } else {
      for (long p = from; p < farEnd; p++) {
        far[(int) ((p + delta) & RING_MASK)] = far[(int) (p & RING_MASK)];
      }
    }
    farEnd += delta;
  }

  /** Audio from {@code fromSample} on never played. */
  void clear(long fromSample) {
    farEnd = Math.max(0, Math.min(farEnd, fromSample));
  }

  /** The sample that played at inbound sample {@code p}, or 0. */
  float at(long p) {
    return p < farEnd && p >= farEnd - RING && p >= 0 ? far[(int) (p & RING_MASK)] : 0f;
  }
}
