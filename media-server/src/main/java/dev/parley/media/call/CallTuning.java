package dev.parley.media.call;

import dev.parley.audio.echo.EchoGateConfig;
import dev.parley.audio.vad.VadConfig;
import dev.parley.protocol.VadTuning;

/**
 * The per-call VAD and echo-gate settings from SESSION_START's tuning: what the control plane may
 * tune comes from it, the rest from the audio module's measured defaults.
 */
final class CallTuning {

  /** Echo-gate margin over the worst-case echo (dB), and pre-roll kept while gated (ms). */
  private static final double ECHO_MARGIN_DB = 3.0;

  private static final int PRE_ROLL_MS = 300;

  private CallTuning() {}

  static VadConfig vad(VadTuning tuning) {
    VadConfig d = VadConfig.defaults();
    return new VadConfig(
        tuning.vadThresholdDb(),
        tuning.onsetFrames(),
        tuning.hangoverFrames(),
        d.floorRiseDbPerFrame(),
        d.floorFallCoefficient(),
        d.minLevelDbov(),
        d.warmupFrames(),
        d.highPassHz(),
        d.maxZeroCrossingRate(),
        Math.min(d.fastOnsetFrames(), tuning.onsetFrames()),
        d.fastOnsetDb());
  }

  static EchoGateConfig echo(VadTuning tuning, boolean cancelEcho) {
    return new EchoGateConfig(
        Math.max(0, Math.min(79, tuning.echoReturnLossDb())),
        Math.min(2000, tuning.maxEchoDelayMs() + InboundPipeline.PLAYOUT_UNCERTAINTY_MS),
        ECHO_MARGIN_DB,
        PRE_ROLL_MS,
        cancelEcho);
  }
}
