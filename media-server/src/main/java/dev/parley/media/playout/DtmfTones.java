package dev.parley.media.playout;

import dev.parley.audio.dtmf.DtmfToneGenerator;
import java.io.ByteArrayOutputStream;

/**
 * Renders SEND_DTMF digits as in-band μ-law tones (the audio module's generator: 100 ms tone, 80 ms
 * gap, both above the 50 ms minimum), queued in the outbound stream like an utterance. The agent
 * navigates IVRs this way; a TwiML redirect would tear the stream down.
 */
public final class DtmfTones {

  private DtmfTones() {}

  /** The tones for {@code digits}, a whole number of 20 ms frames. */
  public static byte[] render(String digits) {
    DtmfToneGenerator generator = new DtmfToneGenerator();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] frame = new byte[160];
    for (int from = 0; from < digits.length(); ) {
      // The generator queues at most 64 digits at a time.
      from += generator.enqueue(digits.subSequence(from, digits.length()));
      while (generator.isActive()) {
        generator.writeFrame(frame, 0, frame.length);
        out.write(frame, 0, frame.length);
      }
    }
    return out.toByteArray();
  }
}
