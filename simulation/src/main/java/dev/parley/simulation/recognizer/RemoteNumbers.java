package dev.parley.simulation.recognizer;

import java.util.Optional;

/**
 * SIMULATION ONLY: where the {@link ScriptedRecognizer} learns which number a call is with.
 *
 * <p>The media server's {@code SpeechToText.open} is given only the call's id and language, so the
 * recogniser asks this lookup for the remote number the control plane put in the call's
 * SESSION_START. {@link CallNumbers} is a table to fill alongside SESSION_START; {@link
 * EmulatorCallNumbers} asks the Twilio emulator that placed the call.
 */
@FunctionalInterface
public interface RemoteNumbers {

  /** The E.164 number of the other party on call {@code callId}, if known. */
  Optional<String> remoteNumber(String callId);

  /** This lookup, falling back to {@code other} for calls it does not know. */
  default RemoteNumbers or(RemoteNumbers other) {
    return callId -> {
      Optional<String> number = remoteNumber(callId);
      return number.isPresent() ? number : other.remoteNumber(callId);
    };
  }
}
