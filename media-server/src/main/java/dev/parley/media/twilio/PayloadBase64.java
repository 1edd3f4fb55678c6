package dev.parley.media.twilio;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Base64;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base64 of one stream's media payloads, by the JDK's {@link Base64} where HotSpot compiles it to
 * vector code and by Parley's {@link Base64Codec} otherwise; both give the same bytes and reject
 * the same input.
 *
 * <p>Why two: on JDK 17 with AVX-512 the JDK's array methods are intrinsics, about 19 ns to decode
 * and 21 ns to encode a 160-byte frame against 110 and 80 ns for {@link Base64Codec}; without the
 * intrinsic (an AVX2-only x86, where JDK 17 turns {@code UseBASE64Intrinsics} off, or {@code
 * -XX:-UseBASE64Intrinsics}) the JDK's coder is plain Java at 130 to 140 ns and Parley's is the
 * faster one. The choice is made once per process from that VM flag; {@value #ENGINE_PROPERTY}
 * ({@code jdk} or {@code parley}) forces it.
 *
 * <p>The JDK's methods only take whole arrays, so the JDK path copies a payload's characters (or
 * bytes, to encode) into a scratch array of exactly that length: one kept for Twilio's 160-byte
 * frame and one that follows any other length (reallocated when that length changes, so a stream of
 * one length allocates nothing per frame, and at most two arrays, each within the payload limit,
 * are kept). Not thread-safe: one instance per stream, on its event loop.
 */
public final class PayloadBase64 {

  /** Which coder does the work. */
  public enum Engine {
    /** {@link java.util.Base64}, worth it only where HotSpot intrinsifies it. */
    JDK,
    /** Parley's table-driven {@link Base64Codec}. */
    PARLEY
  }

  /** System property that forces the engine: {@code jdk} or {@code parley}; unset picks one. */
  public static final String ENGINE_PROPERTY = "parley.base64";

  private static final Logger log = LoggerFactory.getLogger(PayloadBase64.class);

  private static final Engine DEFAULT_ENGINE =
      chooseEngine(System.getProperty(ENGINE_PROPERTY), base64IntrinsicsFlag());

  private static final Base64.Decoder DECODER = Base64.getDecoder();
  private static final Base64.Encoder ENCODER = Base64.getEncoder();

  private static final int FRAME_CHARS = Base64Codec.encodedLength(TwilioFrameLayout.FRAME_BYTES);

  private final Engine engine;
  private final byte[] frameChars;
  private final byte[] frameBytes;
  private byte[] otherChars = new byte[0];
  private byte[] otherBytes = new byte[0];

  /** A coder using the process's engine ({@link #defaultEngine()}). */
  public PayloadBase64() {
    this(DEFAULT_ENGINE);
  }

  public PayloadBase64(Engine engine) {
    this.engine = engine;
    boolean jdk = engine == Engine.JDK;
    this.frameChars = jdk ? new byte[FRAME_CHARS] : null;
    this.frameBytes = jdk ? new byte[TwilioFrameLayout.FRAME_BYTES] : null;
  }

  /** The engine this process uses unless told otherwise. */
  public static Engine defaultEngine() {
    return DEFAULT_ENGINE;
  }

  public Engine engine() {
    return engine;
  }

  /**
   * Decodes {@code length} base64 characters of {@code src} from {@code srcOff} into {@code dst}
   * from index 0, with {@link Base64Codec#decode}'s rules: padded, a multiple of 4 long, nothing
   * outside the alphabet, {@code dst} large enough.
   *
   * @return the number of bytes written, or {@link Base64Codec#INVALID}
   */
  public int decode(byte[] src, int srcOff, int length, byte[] dst) {
    if (engine == Engine.PARLEY) {
      return Base64Codec.decode(src, srcOff, length, dst, 0);
    }
    // The JDK also accepts unpadded input (a length that is not a multiple of 4); ours does not.
    if ((length & 3) != 0) {
      return Base64Codec.INVALID;
    }
    byte[] chars = charsOfLength(length);
    System.arraycopy(src, srcOff, chars, 0, length);
    try {
      return DECODER.decode(chars, dst);
    } catch (IllegalArgumentException notBase64OrNoRoom) {
      return Base64Codec.INVALID;
    }
  }

  /**
   * Encodes {@code length} bytes of {@code src} from {@code srcOff} into {@code dst} from index 0,
   * padded as {@link Base64Codec#encode} does.
   *
   * @return the number of characters written ({@link Base64Codec#encodedLength(int)})
   */
  public int encode(byte[] src, int srcOff, int length, byte[] dst) {
    if (engine == Engine.PARLEY) {
      return Base64Codec.encode(src, srcOff, length, dst, 0);
    }
    byte[] bytes = src;
    if (srcOff != 0 || length != src.length) {
      bytes = bytesOfLength(length);
      System.arraycopy(src, srcOff, bytes, 0, length);
    }
    return ENCODER.encode(bytes, dst);
  }

  private byte[] charsOfLength(int length) {
    if (length == FRAME_CHARS) {
      return frameChars;
    }
    if (otherChars.length != length) {
      otherChars = new byte[length];
    }
    return otherChars;
  }

  private byte[] bytesOfLength(int length) {
    if (length == TwilioFrameLayout.FRAME_BYTES) {
      return frameBytes;
    }
    if (otherBytes.length != length) {
      otherBytes = new byte[length];
    }
    return otherBytes;
  }

  /**
   * The engine for a value of {@value #ENGINE_PROPERTY} ({@code null} when unset) and the VM's
   * {@code UseBASE64Intrinsics} flag ({@code null} when it cannot be read). An unknown property
   * value is logged and ignored.
   */
  static Engine chooseEngine(String property, Boolean intrinsics) {
    if (property != null && !property.isBlank()) {
      switch (property.trim().toLowerCase(Locale.ROOT)) {
        case "jdk":
          return Engine.JDK;
        case "parley":
          return Engine.PARLEY;
        default:
          log.warn(
              "{}={} is neither jdk nor parley; choosing from the VM", ENGINE_PROPERTY, property);
      }
    }
    return Boolean.TRUE.equals(intrinsics) ? Engine.JDK : Engine.PARLEY;
  }

  /** HotSpot's {@code UseBASE64Intrinsics}, or {@code null} on a VM that does not report it. */
  private static Boolean base64IntrinsicsFlag() {
    try {
      HotSpotDiagnosticMXBean hotSpot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return hotSpot == null
          ? null
          : Boolean.valueOf(hotSpot.getVMOption("UseBASE64Intrinsics").getValue());
    } catch (RuntimeException | LinkageError unavailable) {
      // Not HotSpot, no jdk.management module, or no such flag: Parley's coder is the safe choice.
      return null;
    }
  }
}
