package dev.parley.audio.vad;

import dev.parley.audio.codec.MuLaw;

/**
 * Frame-level voice activity detector for 8 kHz μ-law: frame energy above 300 Hz (hum and most line
 * noise removed) against an adaptive noise floor, a zero-crossing check that keeps hiss and static
 * from counting as voice, and onset/hangover counts. Onset drives barge-in; hangover drives end of
 * turn.
 *
 * <p>Per frame this class allocates nothing. One instance per call; not thread-safe (it runs on the
 * call's event loop).
 */
public final class VoiceActivityDetector {

  /**
   * Least energy of a frame's second half against its first (-10 dB) for the frame to confirm a
   * fast onset. A 5 ms click straddling a frame edge leaves its tail in the next frame's first few
   * ms, 20-30 dB over the floor that follows; a syllable goes on. With the decay check below it
   * took the clicks scenario, vouched for throughout, from 10 false triggers in 60 s to 0; -5 and
   * -15 dB measured alike (VadScenarios).
   */
  private static final double SUSTAIN_RATIO = 0.1;

  /**
   * Most a frame may fall below the one before (-6 dB) and still count towards a fast onset. The
   * high-pass rings for a frame after a click that ended in the previous one: 15-25 dB under the
   * click's frame; an onset rises. Without it, 3 of those ringing frames confirmed speech in the
   * clicks scenario; -3 to -12 dB measured alike.
   */
  private static final double FALL_RATIO = 4;

  private final VadConfig config;
  private final double thresholdFactor;
  private final double riseFactor;
  private final double minLevel;
  private final double minFloor;
  private final double fastFactor;
  private int fastRun;

  private final HighPassFilter highPass;
  private double floor;
  private boolean inSpeech;
  private int voicedRun;
  private boolean gapUsed;
  private int unvoicedRun;
  private long candidateStart;
  private long onsetSample = -1;
  private long samples;
  private long speechFrames;
  private long frames;
  private double lastMeanSquare;

  /** Creates a detector; its noise floor is set by the first {@link VadConfig#warmupFrames()}. */
  public VoiceActivityDetector(VadConfig config) {
    this.config = config;
    this.thresholdFactor = Math.pow(10, config.thresholdDb() / 10);
    this.riseFactor = Math.pow(10, config.floorRiseDbPerFrame() / 10);
    this.minLevel = MuLaw.meanSquareOf(config.minLevelDbov());
    // Keeps the floor from sinking towards zero on digital silence, where any sound would trigger.
    this.minFloor = MuLaw.meanSquareOf(config.minLevelDbov() - config.thresholdDb());
    this.fastFactor = Math.pow(10, config.fastOnsetDb() / 10);
    this.highPass = new HighPassFilter(config.highPassHz());
    reset();
  }

  /** Classifies the next frame of μ-law audio. */
  public VadEvent process(byte[] buf, int off, int len) {
    return process(buf, off, len, false);
  }

  /**
   * Classifies the next frame; a frame the echo gate attributes to the agent's own voice counts as
   * unvoiced and does not teach the noise floor.
   */
  public VadEvent process(byte[] buf, int off, int len, boolean echoSuspected) {
    return process(buf, off, len, echoSuspected, false);
  }

  /**
   * Classifies the next frame. {@code fastOnset} says the caller vouches for this frame (while the
   * agent's audio plays: far above anything its echo explains); a run of {@link
   * VadConfig#fastOnsetFrames()} such frames, each loud, confirms speech early so a barge-in is
   * heard sooner.
   */
  public VadEvent process(byte[] buf, int off, int len, boolean echoSuspected, boolean fastOnset) {
    long frameStart = samples;
    samples += len;
    frames++;
    if (len <= 0) {
      return inSpeech ? VadEvent.SPEECH_CONTINUE : VadEvent.NONE;
    }
    double energy = highPass.energy(buf, off, len);
    int crossings = highPass.crossings();
    double meanSquare = energy / len;
    double zcr = (double) crossings / len;
    double previousMeanSquare = lastMeanSquare;
    lastMeanSquare = meanSquare;

    if (frames <= config.warmupFrames()) {
      // The first frames of a call are the line before anyone speaks: they set the floor outright
      // (to their quietest), so a noisy line does not read as speech until the floor catches up.
      floor = Math.max(minFloor, frames == 1 ? meanSquare : Math.min(floor, meanSquare));
      return VadEvent.NONE;
    }

    boolean voiced = false;
    boolean strong = false;
    if (!echoSuspected) {
      boolean aboveFloor = meanSquare > floor * thresholdFactor && meanSquare > minLevel;
      voiced = aboveFloor && zcr <= config.maxZeroCrossingRate();
      // The floor never sinks under minLevel less the threshold, so this also clears minLevel.
      strong = voiced && meanSquare > floor * thresholdFactor * fastFactor;
      adaptFloor(meanSquare);
    }
    // A frame much quieter than the one before is a decay (a click's, or the filter ringing after
    // it), not an onset.
    boolean sustained = meanSquare * FALL_RATIO >= previousMeanSquare;
    return advance(voiced, strong && fastOnset && sustained, buf, off, len, frameStart);
  }

  /**
   * Whether the sound of a frame lasts to its end: the second half holds at least {@link
   * #SUSTAIN_RATIO} of the first half's energy, measured on first differences (a 6 dB/octave
   * high-pass: hum and DC do not mask the comparison). A click straddling a frame edge leaves its
   * tail in the first few ms of the next frame and then the line's floor; a syllable goes on.
   * Computed only when a frame would confirm speech early.
   */
  private static boolean lastsToFrameEnd(byte[] buf, int off, int len) {
    int half = len / 2;
    double head = 0;
    double tail = 0;
    int prev = MuLaw.decode(buf[off]);
    for (int i = 1; i < len; i++) {
      int x = MuLaw.decode(buf[off + i]);
      double d = x - prev;
      if (i < half) {
        head += d * d;
      } else {
        tail += d * d;
      }
      prev = x;
    }
    return tail >= head * SUSTAIN_RATIO;
  }

  private void adaptFloor(double meanSquare) {
    if (meanSquare < floor) {
      floor += (meanSquare - floor) * config.floorFallCoefficient();
    } else {
      floor = Math.min(floor * riseFactor, meanSquare);
    }
    if (floor < minFloor) {
      floor = minFloor;
    }
  }

  private VadEvent advance(
      boolean voiced, boolean vouched, byte[] buf, int off, int len, long frameStart) {
    if (!inSpeech) {
      if (!voiced) {
        // One unvoiced frame inside an onset run is forgiven: short words in noise flicker.
        // (Measured: one miss fewer over the VadScenarios corpus, no extra false triggers.)
        if (voicedRun > 0 && !gapUsed) {
          gapUsed = true;
          return VadEvent.NONE;
        }
        voicedRun = 0;
        fastRun = 0;
        gapUsed = false;
        return VadEvent.NONE;
      }
      if (voicedRun++ == 0) {
        candidateStart = frameStart;
      }
      if (vouched) {
        fastRun++;
      }
      boolean fast =
          vouched && fastRun >= config.fastOnsetFrames() && lastsToFrameEnd(buf, off, len);
      if (voicedRun < config.onsetFrames() && !fast) {
        return VadEvent.NONE;
      }
      inSpeech = true;
      gapUsed = false;
      fastRun = 0;
      unvoicedRun = 0;
      onsetSample = candidateStart;
      speechFrames++;
      return VadEvent.SPEECH_START;
    }
    if (voiced) {
      unvoicedRun = 0;
      speechFrames++;
      return VadEvent.SPEECH_CONTINUE;
    }
    if (++unvoicedRun < config.hangoverFrames()) {
      speechFrames++;
      return VadEvent.SPEECH_CONTINUE;
    }
    inSpeech = false;
    voicedRun = 0;
    fastRun = 0;
    return VadEvent.SPEECH_END;
  }

  /**
   * Sample index (from the first processed frame) of the first frame of the current or last
   * utterance; -1 if none yet.
   */
  public long onsetSample() {
    return onsetSample;
  }

  /** Samples processed so far: the index of the next frame's first sample. */
  public long samplePosition() {
    return samples;
  }

  /** Whether an utterance is in progress (onset confirmed, hangover not yet run out). */
  public boolean inSpeech() {
    return inSpeech;
  }

  /** Current noise floor estimate in dBov. */
  public double noiseFloorDbov() {
    return MuLaw.dbov(floor);
  }

  /** Level of the last frame, above the high-pass corner, in dBov (comparable with the floor). */
  public double lastFrameLevelDbov() {
    return MuLaw.dbov(lastMeanSquare);
  }

  /** Frames processed so far. */
  public long frames() {
    return frames;
  }

  /** Frames reported as SPEECH_START or SPEECH_CONTINUE so far. */
  public long speechFrames() {
    return speechFrames;
  }

  /** Forgets all state, as for a new call. */
  public void reset() {
    floor = minFloor;
    highPass.reset();
    inSpeech = false;
    voicedRun = 0;
    fastRun = 0;
    unvoicedRun = 0;
    candidateStart = 0;
    onsetSample = -1;
    samples = 0;
    speechFrames = 0;
    frames = 0;
    lastMeanSquare = 0;
  }
}
