package dev.parley.audio.codec;

/**
 * G.711 μ-law for 8 kHz telephone audio, table driven. Decoding matches {@code
 * javax.sound.sampled}'s ULAW conversion for all 256 codes and encoding for every 16-bit sample
 * except the 265 with |pcm| > 32635, where javax overflows a short and returns near-silence while
 * this clips to the loudest code as G.711 specifies (MuLawTest checks both, exhaustively).
 *
 * <p>Per frame this class allocates nothing: every method reads and writes caller-owned arrays.
 */
public final class MuLaw {

  /** Telephone sample rate in Hz. */
  public static final int SAMPLE_RATE = 8000;

  /** Samples (and μ-law bytes) in one 20 ms frame. */
  public static final int FRAME_SAMPLES = 160;

  /** Duration of one frame in milliseconds. */
  public static final int FRAME_MILLIS = 20;

  /** The μ-law code of digital silence (linear 0). */
  public static final byte SILENCE = (byte) 0xFF;

  /** Largest magnitude a μ-law code decodes to. */
  public static final int MAX_LINEAR = 32124;

  /**
   * Whether the frame loops ({@link #energy(byte[], int, int)}, {@link #decode(byte[], int, int,
   * float[], int)}) and the DTMF filters run on SIMD lanes: the JVM was started with {@code
   * --add-modules jdk.incubator.vector} on hardware with 256-bit vectors, and {@code
   * -Dparley.simd=false} was not given. Either way the results are the same. Opt-in for now: until
   * C2 has compiled them (about 5,000 frames, 2.4 s of CPU) the Vector API's loops run as Java
   * objects, 170 ms for the first frame and 7 ms a frame over the first 100, which stalls a fresh
   * node's first calls; no run command adds the module until a warm-up covers that.
   */
  public static final boolean VECTORIZED = vectorApiUsable();

  /** Linear value of each μ-law code, indexed by the unsigned code. */
  private static final short[] DECODE = new short[256];

  /** {@link #DECODE} as floats, for the scalar {@code decode} to floats. */
  private static final float[] DECODE_FLOAT = new float[256];

  /** Squared linear value of each μ-law code, so frame energy is a sum of lookups. */
  private static final int[] ENERGY = new int[256];

  /**
   * μ-law code of every 16-bit sample, indexed by its two bytes ({@code pcm & 0xFFFF}), so encoding
   * is one lookup per sample and nothing else (64 KB). Against a 16 KB table of the quantiser's
   * groups of four, whose index needs the sample's sign and magnitude (six operations), a
   * 160-sample frame took 163 -> 75 ns (thread CPU time, loaded machine).
   */
  private static final byte[] ENCODE_16BIT = new byte[1 << 16];

  static {
    for (int code = 0; code < 256; code++) {
      int linear = G711Reference.decode((byte) code);
      DECODE[code] = (short) linear;
      DECODE_FLOAT[code] = linear;
      ENERGY[code] = linear * linear;
    }
    for (int pcm = Short.MIN_VALUE; pcm <= Short.MAX_VALUE; pcm++) {
      ENCODE_16BIT[pcm & 0xFFFF] = G711Reference.encode(pcm);
    }
  }

  private MuLaw() {}

  /**
   * Whether SIMD code may run: the incubating Vector API resolved in the boot layer (otherwise the
   * classes that use it are never loaded), 256-bit lanes in hardware, and not turned off.
   */
  public static boolean vectorApiUsable() {
    return Boolean.parseBoolean(System.getProperty("parley.simd", "true"))
        && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        && MuLawVectors.supported();
  }

  /** Decodes one μ-law code to a 16-bit linear sample. */
  public static short decode(byte code) {
    return DECODE[code & 0xFF];
  }

  /** Encodes one 16-bit linear sample (values outside the short range are clipped). */
  public static byte encode(int pcm) {
    // The short range's ends already encode to the loudest codes, as G.711's clip does.
    return ENCODE_16BIT[Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, pcm)) & 0xFFFF];
  }

  /** Squared linear level of one μ-law code. */
  public static int energy(byte code) {
    return ENERGY[code & 0xFF];
  }

  /** Sum of squared linear levels over {@code len} μ-law bytes. */
  public static long energy(byte[] buf, int off, int len) {
    int i = off;
    long sum = 0;
    if (VECTORIZED) {
      // 160 lookups 70 ns, eight lanes at a time 25 ns (thread CPU time).
      int whole = len & ~7;
      sum = MuLawVectors.energy(buf, off, whole);
      i += whole;
    }
    for (int end = off + len; i < end; i++) {
      sum += ENERGY[buf[i] & 0xFF];
    }
    return sum;
  }

  /** Decodes {@code len} μ-law bytes into {@code dst} starting at {@code dstOff}. */
  public static void decode(byte[] src, int off, int len, short[] dst, int dstOff) {
    for (int i = 0; i < len; i++) {
      dst[dstOff + i] = DECODE[src[off + i] & 0xFF];
    }
  }

  /**
   * Decodes {@code len} μ-law bytes into floats in {@code dst} starting at {@code dstOff} (exact:
   * every level is an integer of at most 15 bits).
   */
  public static void decode(byte[] src, int off, int len, float[] dst, int dstOff) {
    int i = 0;
    if (VECTORIZED) {
      i = len & ~7;
      MuLawVectors.decode(src, off, i, dst, dstOff);
    }
    for (; i < len; i++) {
      dst[dstOff + i] = DECODE_FLOAT[src[off + i] & 0xFF];
    }
  }

  /**
   * Encodes {@code len} linear samples into μ-law bytes in {@code dst} starting at {@code dstOff}.
   */
  public static void encode(short[] src, int off, int len, byte[] dst, int dstOff) {
    for (int i = 0; i < len; i++) {
      dst[dstOff + i] = ENCODE_16BIT[src[off + i] & 0xFFFF];
    }
  }

  /**
   * Level of a mean-square energy in dB relative to a full-scale square wave (dBov); {@code -inf}
   * for silence.
   */
  public static double dbov(double meanSquare) {
    return 10.0 * Math.log10(meanSquare / (32768.0 * 32768.0));
  }

  /** Mean-square energy of a level in dBov; inverse of {@link #dbov(double)}. */
  public static double meanSquareOf(double dbov) {
    return 32768.0 * 32768.0 * Math.pow(10.0, dbov / 10.0);
  }
}
