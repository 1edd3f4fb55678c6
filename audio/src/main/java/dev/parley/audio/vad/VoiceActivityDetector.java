package dev.parley.audio.vad;

import dev.parley.audio.codec.MuLaw;

/**
 * Frame-level voice activity detector for 8 kHz μ-law: frame energy against an adaptive noise
 * floor, a zero-crossing check that keeps steady hiss from counting as voice, and onset/hangover
 * counts. Onset drives barge-in; hangover drives end of turn.
 *
 * <p>Per frame this class allocates nothing. One instance per call; not thread-safe (it runs on the
 * call's event loop).
 */
public final class VoiceActivityDetector {

  private final VadConfig config;
  private final double thresholdFactor;
  private final double strongFactor;
  private final double riseFactor;
  private final double minLevel;
  private final double minFloor;

  private double floor;
  private boolean inSpeech;
  private int voicedRun;
  private int unvoicedRun;
  private long candidateStart;
  private long onsetSample = -1;
  private long samples;
  private long speechFrames;
  private long frames;

  /** Creates a detector with its noise floor at {@link VadConfig#initialFloorDbov()}. */
  public VoiceActivityDetector(VadConfig config) {
    this.config = config;
    this.thresholdFactor = Math.pow(10, config.thresholdDb() / 10);
    this.strongFactor = Math.pow(10, config.strongDb() / 10);
    this.riseFactor = Math.pow(10, config.floorRiseDbPerFrame() / 10);
    this.minLevel = MuLaw.meanSquareOf(config.minLevelDbov());
    // Keeps the floor from sinking towards zero on digital silence, where any sound would trigger.
    this.minFloor = MuLaw.meanSquareOf(config.minLevelDbov() - config.thresholdDb());
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
    long frameStart = samples;
    samples += len;
    frames++;
    if (len <= 0) {
      return inSpeech ? VadEvent.SPEECH_CONTINUE : VadEvent.NONE;
    }
    long energy = 0;
    int crossings = 0;
    int previousSign = buf[off] & 0x80;
    for (int i = off, end = off + len; i < end; i++) {
      int code = buf[i];
      energy += MuLaw.energy((byte) code);
      int sign = code & 0x80;
      crossings += (sign ^ previousSign) >>> 7;
      previousSign = sign;
    }
    double meanSquare = (double) energy / len;
    double zcr = (double) crossings / len;

    boolean voiced = false;
    if (!echoSuspected) {
      boolean aboveFloor = meanSquare > floor * thresholdFactor && meanSquare > minLevel;
      voiced =
          aboveFloor && (zcr <= config.maxZeroCrossingRate() || meanSquare > floor * strongFactor);
      adaptFloor(meanSquare);
    }
    return advance(voiced, frameStart);
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

  private VadEvent advance(boolean voiced, long frameStart) {
    if (!inSpeech) {
      if (!voiced) {
        voicedRun = 0;
        return VadEvent.NONE;
      }
      if (voicedRun++ == 0) {
        candidateStart = frameStart;
      }
      if (voicedRun < config.onsetFrames()) {
        return VadEvent.NONE;
      }
      inSpeech = true;
      unvoicedRun = 0;
      onsetSample = candidateStart;
      speechFrames++;
      return VadEvent.SPEECH_START;
    }
    speechFrames++;
    if (voiced) {
      unvoicedRun = 0;
      return VadEvent.SPEECH_CONTINUE;
    }
    if (++unvoicedRun < config.hangoverFrames()) {
      return VadEvent.SPEECH_CONTINUE;
    }
    inSpeech = false;
    voicedRun = 0;
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
    floor = Math.max(MuLaw.meanSquareOf(config.initialFloorDbov()), minFloor);
    inSpeech = false;
    voicedRun = 0;
    unvoicedRun = 0;
    candidateStart = 0;
    onsetSample = -1;
    samples = 0;
    speechFrames = 0;
    frames = 0;
  }
}
