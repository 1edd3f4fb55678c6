package dev.parley.audio.echo;

import java.util.Arrays;

/**
 * Finds the echo's bulk delay to within a few samples by correlating how the inbound and our
 * outbound audio rise and fall: both are cut into {@value #BLOCK}-sample (2 ms) blocks, each block
 * becomes the change of its log energy from the block before (an onset is a large positive value, a
 * decay a negative one, steady sound or silence about zero), and for every delay up to the echo
 * window a decaying sum of products of the two sequences is kept. Our echo repeats our onsets at
 * the real delay, so that sum grows there; anywhere else it stays near zero. Working on the
 * sequence's changes rather than on energies gives a peak a block or two wide instead of a syllable
 * wide, and on 2 ms blocks the cost is about {@code 10 × lags} multiply-adds per 20 ms frame (2,400
 * for a 460 ms window) rather than the 590,000 of a sample-level search.
 *
 * <p>A peak counts only when it is well above every lag outside its neighbourhood: speech is
 * rhythmic, and a syllable period away from the real delay there is a weaker second peak.
 *
 * <p>Allocates nothing per frame. Not thread-safe.
 */
final class EchoDelayEstimator {

  /** Samples per envelope block: 2 ms. */
  static final int BLOCK = 16;

  /**
   * Per-frame decay of the sums: about 2 s of memory, long enough to average many syllables, short
   * enough to follow a re-routed call.
   */
  private static final double DECAY = 0.99;

  /**
   * Lags within this many blocks (24 ms) of the peak are its shoulder, not a rival: a syllable's
   * rise lasts 10-30 ms, so neighbouring lags share most of its evidence (with 4 blocks the best
   * rival was 0.8-0.9 of the real delay's sum on shoulder lags).
   */
  private static final int NEIGHBOURHOOD = 12;

  /** How far the peak must stand above the best rival lag. */
  private static final double DOMINANCE = 1.5;

  /**
   * Onsets of ours (summed log-energy rises) the sums must hold before a peak is believed: about a
   * second of speech.
   */
  private static final double MIN_EVIDENCE = 150;

  /** Log2 energy below which a block counts as silence (about -70 dBov). */
  private static final float FLOOR = (float) (Math.log(160.0 * 160.0 * BLOCK) / Math.log(2));

  private final int lags;
  private final int negative;
  private final double[] sums;

  /** Our envelope changes, newest first, twice over so any lag range is one contiguous slice. */
  private final double[] history;

  private int head;
  private float lastIn = FLOOR;
  private float lastOut = FLOOR;
  private double evidence;
  private int peak = -1;
  private boolean skipNext;

  /**
   * @param maxDelaySamples the longest delay searched
   * @param negativeSamples how far our audio may be placed late (the echo seeming to come early)
   */
  EchoDelayEstimator(int maxDelaySamples, int negativeSamples) {
    this.negative = (negativeSamples + BLOCK - 1) / BLOCK;
    this.lags = negative + (maxDelaySamples + BLOCK - 1) / BLOCK + 1;
    this.sums = new double[lags];
    this.history = new double[2 * lags];
  }

  /** Forgets everything (the timeline moved under it). */
  void reset() {
    Arrays.fill(sums, 0);
    Arrays.fill(history, 0);
    evidence = 0;
    peak = -1;
    lastIn = FLOOR;
    lastOut = FLOOR;
  }

  /**
   * Takes one block: {@code inEnergy} the inbound block's sum of squares, {@code outEnergy} ours at
   * {@code negative} blocks after it (so that history reaches both sides of zero delay).
   */
  void block(double inEnergy, double outEnergy) {
    float in = log2(inEnergy);
    float out = log2(outEnergy);
    // Changes, signed: at a wrong lag rises meet falls as often as rises, and the sum stays near 0.
    double dIn = in - lastIn;
    double dOut = out - lastOut;
    lastIn = in;
    lastOut = out;
    if (skipNext) {
      skipNext = false;
      dIn = 0;
      dOut = 0;
    }
    head = head == 0 ? lags - 1 : head - 1;
    history[head] = dOut;
    history[head + lags] = dOut;
    evidence += Math.abs(dOut);
    if (dIn == 0) {
      return;
    }
    double[] s = sums;
    double[] h = history;
    int base = head;
    for (int l = 0; l < lags; l++) {
      s[l] += dIn * h[base + l];
    }
  }

  /**
   * {@code samples} of the timeline went by without {@link #block} (no audio of ours was near): our
   * side of the history is silence, and the next block's change is not a real onset.
   */
  void gap(long samples) {
    long blocks = Math.min(lags, Math.max(0, samples / BLOCK));
    for (long i = 0; i < blocks; i++) {
      head = head == 0 ? lags - 1 : head - 1;
      history[head] = 0;
      history[head + lags] = 0;
    }
    skipNext = true;
  }

  /** Ages the sums by one frame and looks for a dominant peak. */
  void endFrame() {
    double[] s = sums;
    int best = 0;
    for (int l = 0; l < lags; l++) {
      s[l] *= DECAY;
      if (s[l] > s[best]) {
        best = l;
      }
    }
    evidence *= DECAY;
    double rival = 0;
    for (int l = 0; l < lags; l++) {
      if ((l < best - NEIGHBOURHOOD || l > best + NEIGHBOURHOOD) && s[l] > rival) {
        rival = s[l];
      }
    }
    peak = evidence >= MIN_EVIDENCE && s[best] > 0 && s[best] > rival * DOMINANCE ? best : -1;
  }

  /**
   * The delay (samples, from our audio's placement to its echo; negative if the echo seems to come
   * early) at the start of the peak's block, or {@link Integer#MIN_VALUE} while there is no clear
   * peak.
   */
  int delaySamples() {
    return peak < 0 ? Integer.MIN_VALUE : (peak - negative) * BLOCK;
  }

  /** Blocks our audio must be known ahead of the inbound block given to {@link #block}. */
  int leadBlocks() {
    return negative;
  }

  private static float log2(double energy) {
    // The float's exponent and mantissa bits are a piecewise-linear log2: plenty for an envelope.
    float e = (float) Math.max(energy, 1.0);
    float l = Float.floatToRawIntBits(e) * (1f / (1 << 23)) - 127f;
    return Math.max(l, FLOOR);
  }
}
