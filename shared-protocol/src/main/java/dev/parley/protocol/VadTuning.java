package dev.parley.protocol;

/**
 * Per-call voice-activity and echo tuning that SESSION_START hands the media node.
 *
 * @param onsetFrames consecutive 20 ms speech frames before speech counts as started (drives
 *     barge-in)
 * @param hangoverFrames consecutive silent frames before speech counts as stopped (drives end of
 *     turn)
 * @param vadThresholdDb how far above the noise floor a frame must be to count as speech
 * @param echoReturnLossDb how much quieter than the outbound audio its echo is assumed to be
 * @param maxEchoDelayMs the longest delay after which outbound audio may still come back as echo
 * @param bargeInEnabled whether the caller's speech may interrupt the agent
 */
public record VadTuning(
    int onsetFrames,
    int hangoverFrames,
    float vadThresholdDb,
    float echoReturnLossDb,
    int maxEchoDelayMs,
    boolean bargeInEnabled) {

  /** Defaults that suit a typical PSTN line. */
  public static final VadTuning DEFAULTS = new VadTuning(3, 25, 9.0f, 12.0f, 400, true);

  /** Validates the fields (u16 counts, finite decibels). */
  public VadTuning {
    Checks.range(onsetFrames, 1, 0xFFFF, "onset frames");
    Checks.range(hangoverFrames, 1, 0xFFFF, "hangover frames");
    Checks.finite(vadThresholdDb, "VAD threshold dB");
    Checks.finite(echoReturnLossDb, "echo return loss dB");
    Checks.range(maxEchoDelayMs, 0, 0xFFFF, "max echo delay ms");
  }
}
