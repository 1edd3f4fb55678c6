package dev.parley.simulation.recognizer;

import java.util.Optional;

/**
 * SIMULATION ONLY: where the {@link ScriptedRecognizer} learns which number a call is with.
 *
 * <p>The media server's {@code SpeechToText.open} is given only the call's id and language, so the
 * recogniser asks this lookup for the remote number the control plane put in the call's
 * SESSION_START. {@link CallNumbers} is a ready-made, thread-safe implementation.
 */
@FunctionalInterface
public interface RemoteNumbers {

  /** The E.164 number of the other party on call {@code callId}, if known. */
  Optional<String> remoteNumber(String callId);
}
