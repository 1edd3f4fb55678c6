package dev.parley.audio.signal;

import dev.parley.audio.codec.MuLaw;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated 8 kHz timeline with known truth: utterances placed at given times (their true onset
 * and end measured from the clean speech), over optional noise and echo. Used by tests, the
 * emulator's simulated callees and the load harness.
 */
public final class TestAudio {

  /** One utterance's true extent in samples: first and last sample within 40 dB of its peak. */
  public record Utterance(long onsetSample, long endSample) {

    /** True onset in milliseconds from the timeline's start. */
    public double onsetMillis() {
      return onsetSample * 1000.0 / MuLaw.SAMPLE_RATE;
    }

    /** True end in milliseconds from the timeline's start. */
    public double endMillis() {
      return endSample * 1000.0 / MuLaw.SAMPLE_RATE;
    }
  }

  private final short[] pcm;
  private final List<Utterance> utterances;

  private TestAudio(short[] pcm, List<Utterance> utterances) {
    this.pcm = pcm;
    this.utterances = List.copyOf(utterances);
  }

  /** Starts a timeline {@code durationMillis} long. */
  public static Builder builder(int durationMillis) {
    return new Builder(durationMillis);
  }

  /** The mixed signal as PCM (a copy). */
  public short[] pcm() {
    return pcm.clone();
  }

  /** The mixed signal as μ-law. */
  public byte[] muLaw() {
    return SignalMixer.toMuLaw(pcm);
  }

  /** The utterances placed, in time order. */
  public List<Utterance> utterances() {
    return utterances;
  }

  /** Length in samples. */
  public int samples() {
    return pcm.length;
  }

  /**
   * Active speech level in dBov: mean power over the 20 ms frames within 20 dB of the loudest
   * frame, a simple stand-in for ITU-T P.56 that ignores pauses.
   */
  public static double activeLevelDbov(short[] speech) {
    int frames = speech.length / MuLaw.FRAME_SAMPLES;
    double[] power = new double[frames];
    double loudest = 0;
    for (int f = 0; f < frames; f++) {
      double sum = 0;
      for (int i = f * MuLaw.FRAME_SAMPLES; i < (f + 1) * MuLaw.FRAME_SAMPLES; i++) {
        sum += (double) speech[i] * speech[i];
      }
      power[f] = sum / MuLaw.FRAME_SAMPLES;
      loudest = Math.max(loudest, power[f]);
    }
    double total = 0;
    int active = 0;
    for (double p : power) {
      if (p >= loudest / 100) {
        total += p;
        active++;
      }
    }
    return active == 0 ? Double.NEGATIVE_INFINITY : MuLaw.dbov(total / active);
  }

  /** Builds a {@link TestAudio}. */
  public static final class Builder {
    private final short[] mix;
    private final List<Utterance> utterances = new ArrayList<>();

    private Builder(int durationMillis) {
      this.mix = Silence.pcm(durationMillis);
    }

    /** Places μ-law speech at {@code atMillis} at its own level. */
    public Builder speech(int atMillis, byte[] muLaw) {
      return speech(atMillis, SignalMixer.toPcm(muLaw), 0);
    }

    /** Places speech at {@code atMillis}, scaled so its active level is {@code activeDbov}. */
    public Builder speechAtLevel(int atMillis, short[] speech, double activeDbov) {
      return speech(atMillis, speech, activeDbov - activeLevelDbov(speech));
    }

    /**
     * Places speech at {@code atMillis} with {@code gainDb}; its true extent becomes an utterance.
     */
    public Builder speech(int atMillis, short[] speech, double gainDb) {
      int at = Silence.samples(atMillis);
      int peak = 0;
      for (short s : speech) {
        peak = Math.max(peak, Math.abs(s));
      }
      int threshold = Math.max(1, peak / 100);
      int first = -1;
      int last = -1;
      for (int i = 0; i < speech.length; i++) {
        if (Math.abs(speech[i]) >= threshold) {
          if (first < 0) {
            first = i;
          }
          last = i;
        }
      }
      if (first >= 0 && at + first < mix.length) {
        utterances.add(new Utterance(at + first, Math.min(at + last, mix.length - 1)));
        utterances.sort((a, b) -> Long.compare(a.onsetSample(), b.onsetSample()));
      }
      SignalMixer.addInto(mix, speech, at, gainDb);
      return this;
    }

    /**
     * Adds sound that is not an utterance of the talker under test (the agent's echo, a TV): it is
     * mixed in but adds no truth.
     */
    public Builder background(int atMillis, short[] sound, double gainDb) {
      SignalMixer.addInto(mix, sound, Silence.samples(atMillis), gainDb);
      return this;
    }

    /** Adds noise over the whole timeline. */
    public Builder noise(NoiseGenerator noise) {
      noise.addTo(mix, 0, mix.length);
      return this;
    }

    /** The timeline as mixed so far. */
    public TestAudio build() {
      return new TestAudio(mix.clone(), utterances);
    }
  }
}
