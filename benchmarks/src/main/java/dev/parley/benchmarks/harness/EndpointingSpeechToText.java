package dev.parley.benchmarks.harness;

import dev.parley.audio.codec.MuLaw;
import dev.parley.media.speech.SpeechToText;

/**
 * SIMULATION ONLY, load harness: a stand-in for a cloud recogniser that costs the node almost
 * nothing, so the node's measured CPU is Parley's media path and not a second VAD. A real provider
 * client only forwards audio; this one looks at each 20 ms frame's energy and, after {@value
 * #HANGOVER_FRAMES} quiet frames that follow speech, reports one final transcript with no words and
 * the utterance's start and end, at once.
 */
final class EndpointingSpeechToText implements SpeechToText {

  /** Frame level that counts as speech: the callees speak near -12 dBFS, silence is digital. */
  private static final double SPEECH_DBOV = -45;

  /** Quiet frames that end an utterance (300 ms: longer than the callees' pauses between words). */
  static final int HANGOVER_FRAMES = 15;

  @Override
  public Session open(CallInfo call, Listener listener) {
    return new Endpointer(listener);
  }

  private static final class Endpointer implements Session {
    private final Listener listener;
    private int utterance;
    private long startSample = -1;
    private long lastVoicedEnd;
    private int quietFrames;

    Endpointer(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void sendAudio(byte[] mulaw, int off, int len, long sampleIndex) {
      for (int p = 0; p < len; p += MuLaw.FRAME_SAMPLES) {
        int n = Math.min(MuLaw.FRAME_SAMPLES, len - p);
        long frameStart = sampleIndex + p;
        boolean voiced = MuLaw.dbov((double) MuLaw.energy(mulaw, off + p, n) / n) > SPEECH_DBOV;
        if (voiced) {
          if (startSample < 0) {
            startSample = frameStart;
          }
          lastVoicedEnd = frameStart + n;
          quietFrames = 0;
        } else if (startSample >= 0 && ++quietFrames >= HANGOVER_FRAMES) {
          emit();
        }
      }
    }

    private void emit() {
      int start = (int) (startSample / 8);
      listener.onTranscript(utterance++, true, start, (int) (lastVoicedEnd / 8), 1f, "");
      startSample = -1;
      quietFrames = 0;
    }

    @Override
    public void close() {
      if (startSample >= 0) {
        emit();
      }
    }
  }
}
