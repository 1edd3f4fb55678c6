package dev.parley.benchmarks.audio;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.TestAudio;
import dev.parley.audio.tts.OfflineSpeechSynthesizer;

/** Realistic benchmark input: synthesised speech with pauses over pink line noise, as μ-law. */
final class AudioFrames {

  static final int FRAME = MuLaw.FRAME_SAMPLES;

  private AudioFrames() {}

  /** About 10 s of a callee talking over -50 dBov pink noise, a whole number of frames. */
  static byte[] callee() {
    try (OfflineSpeechSynthesizer tts = new OfflineSpeechSynthesizer(1)) {
      byte[] a = tts.synthesize("Hello? Yes, speaking. Could you call back tomorrow morning?");
      byte[] b = tts.synthesize("I would like to book an appointment for Tuesday, around ten.");
      TestAudio audio =
          TestAudio.builder(10_000)
              .speech(500, a)
              .speech(5_500, b)
              .noise(NoiseGenerator.pink(1, -50))
              .build();
      return audio.muLaw();
    }
  }
}
