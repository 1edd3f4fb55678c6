package dev.parley.simulation.recognizer;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.tts.OfflineSpeechSynthesizer;
import java.io.ByteArrayOutputStream;

/** Test helper: a line voiced by the offline synthesiser, as the emulator's callees voice it. */
final class PersonaAudio {

  private static OfflineSpeechSynthesizer synth;

  private PersonaAudio() {}

  static synchronized byte[] speak(String text) {
    if (synth == null) {
      synth = new OfflineSpeechSynthesizer(1);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    synth.synthesize(
        text,
        (frame, off, len) -> {
          out.write(frame, off, len);
          return true;
        });
    return out.toByteArray();
  }

  /** A 1 kHz beep of {@code ms} at about -13 dBov, as a voicemail box plays it. */
  static byte[] beep(int ms) {
    byte[] out = new byte[ms * 8];
    for (int i = 0; i < out.length; i++) {
      out[i] = MuLaw.encode((int) (0.3 * 32767 * Math.sin(2 * Math.PI * 1000 * i / 8000.0)));
    }
    return out;
  }
}
