package dev.parley.emulator.call;

import dev.parley.audio.codec.MuLaw;
import dev.parley.emulator.callee.EchoSettings;
import dev.parley.emulator.callee.SimulatedCallee;
import dev.parley.emulator.stream.MediaStreamSession;
import dev.parley.emulator.stream.PlayoutBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;

/**
 * SIMULATION ONLY: one call's line, frame by frame: the playout buffer feeds what the callee hears,
 * the callee answers into what it says, line echo is mixed in, pressed digits are paced out, and
 * what it says goes up the stream. Allocates nothing per frame beyond the stream's message.
 * Confined to the call's event loop.
 */
final class CallAudioPath {

  private static final int FRAME_BYTES = 160;

  /** Frames between reported DTMF digits: a key press plus the gap after it, about 100 ms. */
  private static final int DTMF_SPACING_FRAMES = 5;

  /** Hears about each digit as it is reported on the stream. */
  interface DigitListener {
    void digitSent(char digit);
  }

  private final SimulatedCallee callee;
  private final CallRecording recording;
  private final PlayoutBuffer playout = new PlayoutBuffer(8000L * 600);
  private final byte[] heard = new byte[FRAME_BYTES];
  private final byte[] said = new byte[FRAME_BYTES];
  private final EchoLine echo;
  private final ArrayDeque<Character> digits = new ArrayDeque<>();
  private int dtmfCooldown;
  private long frameIndex;

  CallAudioPath(SimulatedCallee callee, Optional<EchoSettings> echo, CallRecording recording) {
    this.callee = callee;
    this.recording = recording;
    this.echo = echo.map(EchoLine::new).orElse(null);
  }

  PlayoutBuffer playout() {
    return playout;
  }

  long frameIndex() {
    return frameIndex;
  }

  void pressDigits(String pressed) {
    for (char c : pressed.toCharArray()) {
      digits.add(c);
    }
  }

  /** Plays one 20 ms frame; {@code stream} may be null (no stream: nothing goes up). */
  void tick(MediaStreamSession stream, PlayoutBuffer.MarkListener marks, DigitListener onDigit) {
    int played = playout.nextFrame(heard, marks);
    Arrays.fill(said, MuLaw.SILENCE);
    callee.onFrame(heard, said);
    if (echo != null) {
      echo.mix(heard, said);
    }
    if (dtmfCooldown > 0) {
      dtmfCooldown--;
    } else if (!digits.isEmpty() && stream != null) {
      char digit = digits.poll();
      stream.sendDtmf(digit);
      onDigit.digitSent(digit);
      dtmfCooldown = DTMF_SPACING_FRAMES;
    }
    if (stream != null) {
      stream.sendMedia(said);
    }
    recording.frame(heard, said, played > 0);
    frameIndex++;
  }
}
