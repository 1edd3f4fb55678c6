package dev.parley.audio.vad;

import dev.parley.audio.codec.MuLaw;

/**
 * Frame-level voice activity detector for 8 kHz μ-law: frame energy above 300 Hz (hum and most line
 * noise removed) against an adaptive noise floor, a zero-crossing check that keeps hiss and static
 * from counting as voice, and onset/hangover counts. Onset drives barge-in; hangover drives end of
 * turn. The frame that would confirm an onset must also sound voiced (periodic at a pitch, not a
 * few spikes): line static, pink, band-passed or crackle, is loud and crosses zero slowly too.
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

  /**
   * Frames before an onset run that may still be its soft start: 100 ms. Over the VadScenarios
   * utterances the reported onset's mean distance from the truth fell from 61 to 49 ms (3 frames:
   * 51; 8 or 10: no better, and up to 10 ms early on average in one scenario).
   */
  private static final int LOOK_BACK_FRAMES = 5;

  /** Frames remembered: the look-back plus the longest onset run (five frames and a gap). */
  private static final int RECENT = LOOK_BACK_FRAMES + 6;

  /**
   * Above the floor by this much (3 dB), a frame just before an onset run is its soft start. 4.5-6
   * dB fell short by more (pink noise at 10 dB SNR: 57-61 ms mean error against 53); 2 dB, looking
   * back 8 frames, came 1 ms closer on average but 12 ms early on average in one scenario.
   */
  private static final double SOFT_START_FACTOR = Math.pow(10, 3.0 / 10);

  /**
   * Least periodicity ({@link Periodicity#peak}) of a frame that confirms an onset. On the frames
   * checked in LineStatic seed 1 (every frame that would have confirmed): pink static 0.14-0.46
   * (p95 0.31), band-passed 0.21-0.25, crackle 0.05-0.70 (p95 0.51). On the first such frame of the
   * tuning fricative phrases' vowels: 0.20-0.98, p25 0.46 plain and 0.37 vouched, so a quarter of
   * vouched onsets wait a frame or more. With the kurtosis limit: 0.40 lets no burst of either seed
   * through on either path; 0.35 lets 1-2 crackle bursts through, 0.30 7-9 pink ones; 0.45 keeps
   * them out too, 2 ms later on average over VadScenarios.
   */
  private static final double MIN_PERIODICITY = 0.40;

  /**
   * Most kurtosis ({@link Periodicity#kurtosis}) of a frame that confirms an onset. Crackle's
   * checked frames measure 4.7-70 (p50 10-15), pink's mostly under 4, the fricative phrases' first
   * vowel frames 2.1-18 (p95 6-11). At the 0.40 periodicity limit: no limit let 5-9 of 13 crackle
   * bursts through (and a pink one); 16 let 1-3 through; 10 and 12 none; 8 also none but held some
   * plain onsets a frame (tuning phrases' p95 205 to 225 ms).
   */
  private static final double MAX_KURTOSIS = 12;

  private final VadConfig config;
  private final double thresholdFactor;
  private final double riseFactor;
  private final double minLevel;
  private final double minFloor;
  private final double fastFactor;
  private int fastRun;

  private final HighPassFilter highPass;
  private final Periodicity periodicity = new Periodicity();
  private long periodicityChecks;
  private double lastPeriodicity;
  private double lastKurtosis;
  private double floor;
  private boolean inSpeech;
  private int voicedRun;
  private boolean gapUsed;
  private int unvoicedRun;
  private long candidateStart;
  private long onsetSample = -1;

  // The last frames before the current one, as a ring: start sample, level, and whether the echo
  // gate let them be (an echo frame is never the callee's first sound).
  private final long[] recentStart = new long[RECENT];
  private final double[] recentLevel = new double[RECENT];
  private final boolean[] recentHeard = new boolean[RECENT];
  private int recentCount;
  private int recentNext;
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
      remember(frameStart, meanSquare, false);
      periodicity.remember(buf, off, len);
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
    VadEvent event = advance(voiced, strong && fastOnset && sustained, buf, off, len, frameStart);
    remember(frameStart, meanSquare, !echoSuspected);
    if (!inSpeech) {
      periodicity.remember(buf, off, len);
    }
    return event;
  }

  private void remember(long frameStart, double meanSquare, boolean heard) {
    recentStart[recentNext] = frameStart;
    recentLevel[recentNext] = meanSquare;
    recentHeard[recentNext] = heard;
    recentNext = (recentNext + 1) % RECENT;
    recentCount = Math.min(recentCount + 1, RECENT);
  }

  /**
   * Where the utterance whose onset run starts at {@code runStart} began: the run's first voiced
   * frame, or earlier by the soft frames just before it (up to {@link #LOOK_BACK_FRAMES}), each
   * {@link #SOFT_START_FACTOR} over the floor and not echo. A /w/ under the voicing threshold or an
   * /s/ the crossing check calls hiss is where the callee started talking; the barge-in and the
   * recogniser's segment report that, not the vowel after it.
   */
  private long softStart(long runStart) {
    long start = runStart;
    int taken = 0;
    for (int i = 1; i <= recentCount && taken < LOOK_BACK_FRAMES; i++) {
      int slot = Math.floorMod(recentNext - i, RECENT);
      if (recentStart[slot] >= start) {
        continue;
      }
      if (!recentHeard[slot] || recentLevel[slot] <= floor * SOFT_START_FACTOR) {
        break;
      }
      start = recentStart[slot];
      taken++;
    }
    return start;
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

  /**
   * Whether a frame that would confirm an onset sounds voiced rather than like line static: it
   * repeats at a pitch period ({@link #MIN_PERIODICITY}) and is not a few sharp spikes ({@link
   * #MAX_KURTOSIS}). Measured only on such frames: about 17,000 multiply-adds each.
   */
  private boolean soundsVoiced(byte[] buf, int off, int len) {
    periodicityChecks++;
    lastPeriodicity = periodicity.peak(buf, off, len);
    lastKurtosis = periodicity.kurtosis();
    return lastPeriodicity >= MIN_PERIODICITY && lastKurtosis <= MAX_KURTOSIS;
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
      if (!soundsVoiced(buf, off, len)) {
        // Static so far: the run goes on, and a later frame of it may still confirm.
        return VadEvent.NONE;
      }
      inSpeech = true;
      gapUsed = false;
      fastRun = 0;
      unvoicedRun = 0;
      onsetSample = softStart(candidateStart);
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

  /** Frames whose voicing was measured: frames that would otherwise have confirmed an onset. */
  long periodicityChecks() {
    return periodicityChecks;
  }

  /** The last measured frame's periodicity (see {@link Periodicity#peak}). */
  double lastPeriodicity() {
    return lastPeriodicity;
  }

  /** The last measured frame's kurtosis (see {@link Periodicity#kurtosis}). */
  double lastKurtosis() {
    return lastKurtosis;
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
    periodicity.reset();
    periodicityChecks = 0;
    lastPeriodicity = 0;
    lastKurtosis = 0;
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
    recentCount = 0;
    recentNext = 0;
  }
}
