package dev.parley.audio.echo;

import java.util.Arrays;

/**
 * The echo path by delay, in 20 ms frames. Each lag between where an outbound frame was placed on
 * the inbound timeline and an inbound frame is a hypothesis: "our echo arrives this much later,
 * attenuated by some gain". Frames where our audio at that lag was loud test it from both sides:
 * the inbound frame can be no quieter than the echo (the lowest inbound/outbound ratio) and, when
 * it is only echo, no louder (the highest). At the line's real delay the two stay within a few dB
 * of each other; at any other lag our echo and our audio at that lag rise and fall independently,
 * and the two ratios part by tens of dB. A lag whose ratios part by more than {@value
 * #CONSISTENT_DB} dB cannot be the echo path and is ignored; the others predict the echo from a few
 * frames of our audio at their own learned gain, instead of the loudest frame of the whole echo
 * window at the worst case.
 *
 * <p>Evidence needs no waiting for the echo to arrive: at a lag shorter than the real delay, our
 * audio before its echo has come back is just more evidence against that lag. A lag with too little
 * evidence is assumed at the worst case, as the whole window would be.
 *
 * <p>Each lag compares the outbound level over three frames (the lag and its neighbours; the
 * loudest for the upper ratio, the quietest for the lower): an echo delay that is not a whole
 * number of frames spreads each outbound frame over two inbound frames, and a hybrid's echo spreads
 * over a few ms more.
 *
 * <p>Only as good as the timeline: {@link EchoGate} uses and teaches it only while outbound frames
 * are placed to the frame (confirmed by Twilio's mark echoes). Allocates nothing per frame. Not
 * thread-safe.
 */
final class EchoPathModel {

  /**
   * Most the lowest and highest ratio of the real delay part by. Measured in the simulated barge-in
   * corpus (synthesised speech, a four-tap hybrid echo whose gain wanders ±2.5 dB): the real delay
   * stays within 9 dB; lags two or more frames off part by 20-40 dB within a few loud frames.
   */
  static final double CONSISTENT_DB = 12.0;

  /**
   * Loud frames of evidence a lag needs before it is judged: with 4, one echo-only playback in 200
   * barged in in the simulated corpus (hybrid echo, stalling server); with 8, none.
   */
  static final int EVIDENCE_FRAMES = 8;

  /** Frames per learning block (ratios older than two blocks are forgotten), as the gate's own. */
  private static final int BLOCK = EchoGate.BLOCK;

  private static final double CONSISTENT = Math.pow(10, CONSISTENT_DB / 10);

  private final int lags;

  /** Outbound mean square by lag for the inbound frame being judged (index 0: no delay). */
  final double[] out;

  private final double[] loudSpan;
  private final double[] quietSpan;
  private final double[] high;
  private final double[] previousHigh;
  private final double[] low;
  private final double[] previousLow;
  private final int[] block;
  private final int[] seen;

  /** Each lag's gain once it has evidence (the consistent highest ratio or the lowest), else -1. */
  private final double[] gain;

  EchoPathModel(int lags) {
    this.lags = lags;
    this.out = new double[lags];
    this.loudSpan = new double[lags];
    this.quietSpan = new double[lags];
    this.high = new double[lags];
    this.previousHigh = new double[lags];
    this.low = new double[lags];
    this.previousLow = new double[lags];
    this.block = new int[lags];
    this.seen = new int[lags];
    this.gain = new double[lags];
    forget();
  }

  /** Drops all evidence: the timeline moved under it. */
  void forget() {
    Arrays.fill(high, 0);
    Arrays.fill(previousHigh, 0);
    Arrays.fill(low, Double.MAX_VALUE);
    Arrays.fill(previousLow, Double.MAX_VALUE);
    Arrays.fill(block, 0);
    Arrays.fill(seen, 0);
    Arrays.fill(gain, -1);
  }

  /** Forgets the outbound levels of the last frame before the gate fills them in again. */
  void clearOut() {
    Arrays.fill(out, 0);
  }

  /** Computes each lag's three-frame spans of outbound level; call after filling {@link #out}. */
  void spans() {
    for (int l = 0; l < lags; l++) {
      double loud = out[l];
      double quiet = out[l];
      if (l > 0) {
        loud = Math.max(loud, out[l - 1]);
        quiet = Math.min(quiet, out[l - 1]);
      }
      if (l + 1 < lags) {
        loud = Math.max(loud, out[l + 1]);
        quiet = Math.min(quiet, out[l + 1]);
      }
      loudSpan[l] = loud;
      quietSpan[l] = quiet;
    }
  }

  /**
   * The loudest echo any lag predicts for the current frame (mean square): its gain times {@code
   * spreadGain}, capped at {@code worstGain}, times its loudest outbound span. A lag without enough
   * evidence is at {@code windowGain} (what the gate allows the whole window); a consistent one at
   * its highest ratio; an inconsistent one at its lowest, which bounds the gain it could have (were
   * it the echo path, the echo would have been in every inbound frame it was compared with): a lag
   * that is not the echo path, or a line with no echo at all, predicts next to nothing.
   */
  double predictedEcho(double spreadGain, double windowGain, double worstGain) {
    double predicted = 0;
    for (int l = 0; l < lags; l++) {
      double g = gain[l];
      double e = (g < 0 ? windowGain : Math.min(worstGain, g * spreadGain)) * loudSpan[l];
      if (e > predicted) {
        predicted = e;
      }
    }
    return predicted;
  }

  /**
   * Learns from an inbound frame of mean square {@code in}, judged {@code echo} or not: every lag
   * whose outbound spans are at least {@code minOut} takes both ratios; the highest rises at most
   * as {@link EchoGate#rise} allows once the lag has evidence. Divides only when a ratio is a new
   * extreme, which after the first frames is rare.
   */
  void learn(double in, double minOut, boolean echo) {
    for (int l = 0; l < lags; l++) {
      double quiet = quietSpan[l];
      if (quiet < minOut) {
        continue;
      }
      boolean changed = false;
      double loud = loudSpan[l];
      if (in > high[l] * loud) {
        double up = in / loud;
        if (seen[l] >= EVIDENCE_FRAMES) {
          double h = highest(l);
          up = Math.min(up, h * EchoGate.rise(up, h, echo));
        }
        if (up > high[l]) {
          high[l] = up;
          changed = true;
        }
      }
      if (in < low[l] * quiet) {
        low[l] = in / quiet;
        changed = true;
      }
      if (++seen[l] == EVIDENCE_FRAMES) {
        changed = true;
      }
      if (++block[l] == BLOCK) {
        previousHigh[l] = high[l];
        previousLow[l] = low[l];
        high[l] = 0;
        low[l] = Double.MAX_VALUE;
        block[l] = 0;
        changed = true;
      }
      if (changed && seen[l] >= EVIDENCE_FRAMES) {
        double h = highest(l);
        double lo = lowest(l);
        gain[l] = h <= lo * CONSISTENT ? h : lo;
      }
    }
  }

  private double highest(int lag) {
    return Math.max(high[lag], previousHigh[lag]);
  }

  private double lowest(int lag) {
    return Math.min(low[lag], previousLow[lag]);
  }

  /**
   * The consistent lag (frames) with the highest lowest ratio, the likeliest echo path, for
   * reports; -1 when there is none yet.
   */
  int bestLag() {
    int best = -1;
    for (int l = 0; l < lags; l++) {
      if (seen[l] >= EVIDENCE_FRAMES
          && highest(l) <= lowest(l) * CONSISTENT
          && (best < 0 || lowest(l) > lowest(best))) {
        best = l;
      }
    }
    return best;
  }
}
