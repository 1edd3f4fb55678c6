package dev.parley.audio.signal;

import dev.parley.audio.codec.MuLaw;

/**
 * Mixes test signals: adds one stream to another with a gain in dB and a delay in ms, as an echo
 * path (-6 to -20 dB, 60-250 ms) or a second talker would.
 */
public final class SignalMixer {

  private SignalMixer() {}

  /**
   * {@code base} plus {@code other} delayed by {@code delayMillis} and scaled by {@code gainDb};
   * the result is long enough to hold both.
   */
  public static short[] mix(short[] base, short[] other, double gainDb, int delayMillis) {
    int delay = Silence.samples(delayMillis);
    short[] out = new short[Math.max(base.length, other.length + delay)];
    System.arraycopy(base, 0, out, 0, base.length);
    addInto(out, other, delay, gainDb);
    return out;
  }

  /**
   * As {@link #mix(short[], short[], double, int)} for μ-law streams (decoded, mixed, re-encoded).
   */
  public static byte[] mixMuLaw(byte[] base, byte[] other, double gainDb, int delayMillis) {
    short[] mixed = mix(toPcm(base), toPcm(other), gainDb, delayMillis);
    return toMuLaw(mixed);
  }

  /**
   * Adds {@code src} scaled by {@code gainDb} into {@code dst} starting at sample {@code at},
   * clipped to {@code dst}.
   */
  public static void addInto(short[] dst, short[] src, int at, double gainDb) {
    double gain = Math.pow(10, gainDb / 20);
    for (int i = 0; i < src.length; i++) {
      int j = at + i;
      if (j >= 0 && j < dst.length) {
        dst[j] = NoiseGenerator.saturate(dst[j] + src[i] * gain);
      }
    }
  }

  /** Scales a whole signal by {@code gainDb}. */
  public static short[] scale(short[] pcm, double gainDb) {
    short[] out = new short[pcm.length];
    addInto(out, pcm, 0, gainDb);
    return out;
  }

  /** Decodes μ-law to PCM. */
  public static short[] toPcm(byte[] muLaw) {
    short[] out = new short[muLaw.length];
    MuLaw.decode(muLaw, 0, muLaw.length, out, 0);
    return out;
  }

  /** Encodes PCM to μ-law. */
  public static byte[] toMuLaw(short[] pcm) {
    byte[] out = new byte[pcm.length];
    MuLaw.encode(pcm, 0, pcm.length, out, 0);
    return out;
  }
}
