package dev.parley.audio.tts;

import com.sun.speech.freetts.audio.AudioPlayer;
import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.codec.Resampler;
import javax.sound.sampled.AudioFormat;

/**
 * FreeTTS {@link AudioPlayer} that, instead of playing, converts the voice's 16-bit PCM to 8 kHz
 * μ-law and hands it on in 160-byte frames. FreeTTS calls it from its output thread while {@code
 * Voice.speak} waits, so state is only touched by one thread at a time.
 */
final class MuLawFramePlayer implements AudioPlayer {

  private AudioFormat format = new AudioFormat(16000f, 16, 1, true, true);
  private Resampler resampler = new Resampler(16000, MuLaw.SAMPLE_RATE);
  private int resamplerInputRate = 16000;
  private short[] pcm = new short[4096];
  private short[] resampled = new short[resampler.maxOutput(pcm.length)];
  private final byte[] frame = new byte[MuLaw.FRAME_SAMPLES];
  private int frameFill;
  private int pendingByte = -1;
  private FrameSink sink;
  private boolean cancelled;
  private long frames;

  void start(FrameSink sink) {
    this.sink = sink;
    this.cancelled = false;
    this.frames = 0;
    this.frameFill = 0;
    this.pendingByte = -1;
    resampler.reset();
  }

  /** Flushes the resampler and pads the last frame with silence. */
  void finish() {
    if (!cancelled) {
      emit(resampled, resampler.flush(resampled, 0));
      if (frameFill > 0 && !cancelled) {
        for (int i = frameFill; i < frame.length; i++) {
          frame[i] = MuLaw.SILENCE;
        }
        frameFill = frame.length;
        deliver();
      }
    }
    sink = null;
  }

  long frames() {
    return frames;
  }

  @Override
  public boolean write(byte[] audio, int offset, int size) {
    if (cancelled) {
      return false;
    }
    boolean bigEndian = format.isBigEndian();
    int i = offset;
    int end = offset + size;
    while (i < end && !cancelled) {
      int n = 0;
      while (n < pcm.length && i < end) {
        int first;
        if (pendingByte >= 0) {
          first = pendingByte;
          pendingByte = -1;
        } else {
          first = audio[i++] & 0xFF;
          if (i == end) {
            pendingByte = first;
            break;
          }
        }
        int second = audio[i++] & 0xFF;
        pcm[n++] = (short) (bigEndian ? (first << 8) | second : (second << 8) | first);
      }
      emit(resampled, resampler.process(pcm, 0, n, resampled, 0));
    }
    return !cancelled;
  }

  private void emit(short[] samples, int count) {
    for (int i = 0; i < count && !cancelled; i++) {
      // No gain: kevin16 already speaks at about -21 dBov active level, peaks near -15 dBov per
      // frame (OfflineSpeechSynthesizerTest prints both), a normal telephone talker.
      frame[frameFill++] = MuLaw.encode(samples[i]);
      if (frameFill == frame.length) {
        deliver();
      }
    }
  }

  private void deliver() {
    frameFill = 0;
    frames++;
    if (!sink.onFrame(frame, 0, frame.length)) {
      cancelled = true;
    }
  }

  @Override
  public boolean write(byte[] audio) {
    return write(audio, 0, audio.length);
  }

  @Override
  public void setAudioFormat(AudioFormat format) {
    if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1) {
      throw new IllegalStateException("FreeTTS produced unsupported audio: " + format);
    }
    this.format = format;
    int rate = Math.round(format.getSampleRate());
    if (rate != resamplerInputRate) {
      resamplerInputRate = rate;
      resampler = new Resampler(rate, MuLaw.SAMPLE_RATE);
      resampled = new short[resampler.maxOutput(pcm.length)];
    }
  }

  @Override
  public AudioFormat getAudioFormat() {
    return format;
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public boolean end() {
    return !cancelled;
  }

  @Override
  public boolean drain() {
    return true;
  }

  @Override
  public void begin(int size) {}

  @Override
  public void pause() {}

  @Override
  public void resume() {}

  @Override
  public void reset() {}

  @Override
  public void close() {}

  @Override
  public float getVolume() {
    return 1f;
  }

  @Override
  public void setVolume(float volume) {}

  @Override
  public long getTime() {
    return 0;
  }

  @Override
  public void resetTime() {}

  @Override
  public void startFirstSampleTimer() {}

  @Override
  public void showMetrics() {}
}
