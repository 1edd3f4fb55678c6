package dev.parley.simulation.recognizer;

import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.call.CallRecording;
import dev.parley.emulator.call.EmulatedCall;
import java.util.Objects;
import java.util.Optional;

/**
 * SIMULATION ONLY: learns a call's remote number from the Twilio emulator that placed it, so the
 * launcher needs no hook into SESSION_START: the emulator records the {@code <Stream url>} each
 * call connected to, and the media server's stream path ends in the call id.
 *
 * <p>A lookup scans the emulator's calls (once per call, when its stream opens); for long load runs
 * call the emulator's {@code callRegistry().removeEnded()} now and then, or use {@link
 * CallNumbers}.
 */
public final class EmulatorCallNumbers implements RemoteNumbers {

  private final TwilioEmulator emulator;

  /** Numbers of the calls {@code emulator} places. */
  public EmulatorCallNumbers(TwilioEmulator emulator) {
    this.emulator = Objects.requireNonNull(emulator, "emulator");
  }

  @Override
  public Optional<String> remoteNumber(String callId) {
    String path = "/streams/" + callId;
    for (EmulatedCall call : emulator.calls()) {
      for (CallRecording.Event e : call.recording().events("stream-connect")) {
        String url = e.detail();
        int query = url.indexOf('?');
        if ((query < 0 ? url : url.substring(0, query)).endsWith(path)) {
          // The emulator only places outbound calls: the callee is the number dialled.
          return Optional.of(call.snapshot().to());
        }
      }
    }
    return Optional.empty();
  }
}
