package dev.parley.audio.vad;

/**
 * Tuning of {@link VoiceActivityDetector}. Levels are in dBov (dB relative to a full-scale 16-bit
 * square wave; a full-scale sine is -3 dBov, a normal telephone talker about -20 dBov).
 *
 * @param thresholdDb how far above the noise floor a frame must be to count as voiced
 * @param onsetFrames consecutive voiced frames needed to confirm speech (drives barge-in)
 * @param hangoverFrames unvoiced frames after speech before the utterance ends (drives end of turn)
 * @param floorRiseDbPerFrame how fast the noise floor climbs towards a louder level
 * @param floorFallCoefficient fraction of the gap the floor closes per frame towards a quieter
 *     level
 * @param minLevelDbov frames quieter than this are never speech, whatever the floor
 * @param initialFloorDbov noise floor assumed before any audio has been seen
 * @param maxZeroCrossingRate zero crossings per sample above which a frame that is only moderately
 *     above the floor counts as hiss rather than voice
 * @param strongDb above floor + this a frame is voiced regardless of its zero-crossing rate (loud
 *     fricatives)
 */
public record VadConfig(
    double thresholdDb,
    int onsetFrames,
    int hangoverFrames,
    double floorRiseDbPerFrame,
    double floorFallCoefficient,
    double minLevelDbov,
    double initialFloorDbov,
    double maxZeroCrossingRate,
    double strongDb) {

  /** Validates ranges so a bad config fails at startup, not mid-call. */
  public VadConfig {
    if (!(thresholdDb > 0 && thresholdDb < 60)) {
      throw new IllegalArgumentException("thresholdDb must be in (0, 60): " + thresholdDb);
    }
    if (onsetFrames < 1 || hangoverFrames < 1) {
      throw new IllegalArgumentException("onsetFrames and hangoverFrames must be >= 1");
    }
    if (!(floorRiseDbPerFrame > 0) || !(floorFallCoefficient > 0 && floorFallCoefficient <= 1)) {
      throw new IllegalArgumentException("floor adaptation rates out of range");
    }
    if (!(maxZeroCrossingRate > 0 && maxZeroCrossingRate <= 1)) {
      throw new IllegalArgumentException("maxZeroCrossingRate must be in (0, 1]");
    }
  }

  /** Defaults for 8 kHz telephone audio in 20 ms frames; see the comments for why each value. */
  public static VadConfig defaults() {
    return new VadConfig(
        // thresholdDb: placeholder until measured.
        9.0,
        // onsetFrames: placeholder until measured.
        3,
        // hangoverFrames: placeholder until measured.
        25,
        // floorRiseDbPerFrame: placeholder until measured.
        0.1,
        // floorFallCoefficient: placeholder until measured.
        0.2,
        // minLevelDbov: placeholder until measured.
        -55.0,
        // initialFloorDbov: placeholder until measured.
        -60.0,
        // maxZeroCrossingRate: placeholder until measured.
        0.45,
        // strongDb: placeholder until measured.
        20.0);
  }
}
