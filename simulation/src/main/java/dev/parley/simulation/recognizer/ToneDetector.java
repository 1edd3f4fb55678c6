package dev.parley.simulation.recognizer;

/**
 * SIMULATION ONLY: tells a pure tone (a voicemail beep, a ring-back) from speech in one frame.
 *
 * <p>A sinusoid crosses zero at evenly spaced samples; voiced speech, a sum of harmonics shaped by
 * formants, does not. A frame is tonal when it crosses zero at least {@link #MIN_CROSSINGS} times
 * (200 Hz or higher in a 20 ms frame, where beeps sit and a speaker's fundamental does not) and
 * every half-period is within one sample of the others. A crossing counts once the signal is a
 * quarter of the frame's RMS past zero: a 1 kHz tone at 8 kHz has its zeros exactly on samples,
 * where the faintest line noise would otherwise pick the sign at random. Allocates nothing.
 */
final class ToneDetector {

  /** 8 crossings in 160 samples: a tone at 200 Hz or higher. */
  static final int MIN_CROSSINGS = 8;

  private ToneDetector() {}

  /** Whether {@code len} samples of {@code pcm} from {@code off} are one steady tone. */
  static boolean isTonal(short[] pcm, int off, int len) {
    double sumSquares = 0;
    for (int i = off; i < off + len; i++) {
      sumSquares += (double) pcm[i] * pcm[i];
    }
    double hysteresis = Math.sqrt(sumSquares / Math.max(1, len)) / 4;
    int sign = 0;
    int crossings = 0;
    int last = -1;
    int minGap = Integer.MAX_VALUE;
    int maxGap = 0;
    for (int i = off; i < off + len; i++) {
      int s = pcm[i] > hysteresis ? 1 : pcm[i] < -hysteresis ? -1 : 0;
      if (s == 0 || s == sign) {
        continue;
      }
      boolean crossed = sign != 0;
      sign = s;
      if (crossed) {
        if (last >= 0) {
          int gap = i - last;
          minGap = Math.min(minGap, gap);
          maxGap = Math.max(maxGap, gap);
        }
        last = i;
        crossings++;
      }
    }
    return crossings >= MIN_CROSSINGS && maxGap - minGap <= 1;
  }
}
