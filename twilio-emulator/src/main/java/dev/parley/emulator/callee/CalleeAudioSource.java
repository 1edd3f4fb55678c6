package dev.parley.emulator.callee;

/**
 * SIMULATION ONLY: turns a simulated callee's line into the audio it speaks.
 *
 * <p>Pluggable so the emulator can use the {@code audio} module's offline synthesiser, a recorded
 * corpus, or {@link SyntheticSpeechSource}. Called off the media clock's threads; may block.
 */
@FunctionalInterface
public interface CalleeAudioSource {

  /** 8 kHz μ-law audio of {@code text} spoken; never null, may be empty. */
  byte[] synthesize(String text);
}
