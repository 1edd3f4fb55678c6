package dev.parley.audio.tts;

import java.io.ByteArrayOutputStream;

/** Text to 8 kHz μ-law speech, streamed as 160-byte frames as it is produced. */
public interface SpeechSynthesizer {

  /**
   * Synthesises {@code text} and hands each 160-byte frame to {@code sink} before returning (the
   * last frame padded with silence). Returns the number of frames delivered.
   */
  long synthesize(String text, FrameSink sink);

  /** Synthesises {@code text} into one μ-law array, a whole number of 160-byte frames long. */
  default byte[] synthesize(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    synthesize(
        text,
        (frame, off, len) -> {
          out.write(frame, off, len);
          return true;
        });
    return out.toByteArray();
  }
}
