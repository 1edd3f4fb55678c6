package dev.parley.media.speech;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.vad.VadConfig;
import dev.parley.audio.vad.VadEvent;
import dev.parley.audio.vad.VoiceActivityDetector;

/**
 * The offline default recogniser, and honest about it: it does not recognise words. It finds the
 * callee's utterances with a voice activity detector and emits one final transcript per utterance
 * with empty text and the utterance's true start and end, so turn-taking works end to end with no
 * provider. Real recognisers (a scripted one for simulated callees, Deepgram) implement the same
 * interface.
 */
public final class VadSegmentSpeechToText implements SpeechToText {

  private final VadConfig vadConfig;

  public VadSegmentSpeechToText(VadConfig vadConfig) {
    this.vadConfig = vadConfig;
  }

  @Override
  public Session open(CallInfo call, Listener listener) {
    return new SegmentSession(new VoiceActivityDetector(vadConfig), listener);
  }

  private static final class SegmentSession implements Session {
    private final VoiceActivityDetector vad;
    private final Listener listener;
    private int utterance;
    private long startSample = -1;
    private long lastVoicedEnd;
    private boolean closed;

    SegmentSession(VoiceActivityDetector vad, Listener listener) {
      this.vad = vad;
      this.listener = listener;
    }

    @Override
    public void sendAudio(byte[] mulaw, int off, int len, long sampleIndex) {
      if (closed) {
        return;
      }
      // Audio may arrive with gaps (echo held back); map the VAD's own sample count onto the
      // stream.
      long offset = sampleIndex - vad.samplePosition();
      for (int p = 0; p < len; p += MuLaw.FRAME_SAMPLES) {
        int n = Math.min(MuLaw.FRAME_SAMPLES, len - p);
        VadEvent ev = vad.process(mulaw, off + p, n);
        long frameEnd = vad.samplePosition() + offset;
        switch (ev) {
          case SPEECH_START -> {
            startSample = vad.onsetSample() + offset;
            lastVoicedEnd = frameEnd;
          }
          case SPEECH_CONTINUE -> {
            if (MuLaw.energy(mulaw, off + p, n) > 0 && isLoud(mulaw, off + p, n)) {
              lastVoicedEnd = frameEnd;
            }
          }
          case SPEECH_END -> emit();
          default -> {}
        }
      }
    }

    /** Rough per-frame voicing for the end time: above the VAD's own noise floor by 9 dB. */
    private boolean isLoud(byte[] b, int off, int len) {
      double ms = (double) MuLaw.energy(b, off, len) / len;
      return MuLaw.dbov(ms) > vad.noiseFloorDbov() + 9;
    }

    private void emit() {
      if (startSample < 0) {
        return;
      }
      int start = (int) (startSample / 8);
      int end = (int) Math.max(start, lastVoicedEnd / 8);
      listener.onTranscript(utterance++, true, start, end, 0f, "");
      startSample = -1;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        if (vad.inSpeech()) {
          lastVoicedEnd = Math.max(lastVoicedEnd, vad.samplePosition());
          emit();
        }
      }
    }
  }
}
