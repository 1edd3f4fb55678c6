package dev.parley.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.twilio.PayloadBase64.Engine;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadBase64Test {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final PayloadBase64 jdk = new PayloadBase64(Engine.JDK);
  private final PayloadBase64 parley = new PayloadBase64(Engine.PARLEY);

  /** A payload length: Twilio's 160 bytes half the time, else anything up to the default limit. */
  private static int payloadBytes(Random random) {
    return random.nextBoolean() ? 160 : random.nextInt(1601);
  }

  /** Base64 of random bytes, damaged zero to three times in the ways a bad sender might. */
  private static byte[] candidate(Random random) {
    byte[] data = new byte[payloadBytes(random)];
    random.nextBytes(data);
    byte[] chars = Base64.getEncoder().encode(data);
    int damages = random.nextInt(4);
    for (int d = 0; d < damages && chars.length > 0; d++) {
      int at = random.nextInt(chars.length);
      switch (random.nextInt(8)) {
        case 0 -> chars[at] = (byte) random.nextInt(256); // any byte, in or out of the alphabet
        case 1 -> chars[at] = '='; // padding where it does not belong
        case 2 -> chars[at] = (byte) " \t\r\n".charAt(random.nextInt(4));
        case 3 -> chars = remove(chars, at); // length no longer a multiple of 4
        case 4 -> chars = insert(chars, at, (byte) "A/+=\n".charAt(random.nextInt(5)));
        case 5 -> chars = stripPadding(chars); // unpadded: the JDK accepts it, we do not
        case 6 -> chars = insert(chars, chars.length, (byte) '=');
        default -> chars = anyLastCharacter(chars, random);
      }
    }
    return chars;
  }

  @Test
  void bothEnginesDecodeAndRejectTheSameRandomPayloads() {
    Random random = new Random(11);
    int valid = 0;
    int invalid = 0;
    // Enough calls for the JIT to compile the JDK's decoder with its intrinsic where there is one.
    for (int k = 0; k < 60_000; k++) {
      byte[] chars = candidate(random);
      // At an offset inside a larger array, with junk on both sides.
      int off = random.nextInt(8);
      byte[] src = new byte[off + chars.length + random.nextInt(8)];
      random.nextBytes(src);
      System.arraycopy(chars, 0, src, off, chars.length);
      // Room to spare, or now and then about what a padded input needs, perhaps a byte short.
      int room =
          random.nextInt(5) == 0
              ? Math.max(0, Base64Codec.maxDecodedLength(chars.length) - 1 - random.nextInt(3))
              : chars.length;
      byte[] jdkOut = new byte[room];
      byte[] parleyOut = new byte[room];
      int j = jdk.decode(src, off, chars.length, jdkOut);
      int p = parley.decode(src, off, chars.length, parleyOut);
      String input = new String(chars, StandardCharsets.ISO_8859_1);
      assertThat(j).as("decoded length of '%s' into %d bytes", input, room).isEqualTo(p);
      if (p == Base64Codec.INVALID) {
        invalid++;
      } else {
        valid++;
        assertThat(Arrays.copyOf(jdkOut, j)).as(input).isEqualTo(Arrays.copyOf(parleyOut, p));
      }
    }
    // Both kinds in numbers, or the comparison proves little.
    assertThat(valid).isGreaterThan(10_000);
    assertThat(invalid).isGreaterThan(10_000);
  }

  @Test
  void rejectsWhatParleysCodecRejectsOnBothEngines() {
    String[] bad = {"A", "AA", "AAA", "AAAAA", "AA==A", "AAA=A", "A===", "====", "AA=A", "A=AA"};
    for (String s : bad) {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      for (PayloadBase64 coder : new PayloadBase64[] {jdk, parley}) {
        assertThat(coder.decode(b, 0, b.length, new byte[8]))
            .as("%s on %s", s, coder.engine())
            .isEqualTo(Base64Codec.INVALID);
      }
    }
  }

  @Test
  void bothEnginesEncodeTheSameBytesFromAnyOffset() {
    Random random = new Random(12);
    for (int k = 0; k < 30_000; k++) {
      int len = payloadBytes(random);
      // Half the payloads fill their array (the JDK path encodes those without a copy).
      int off = random.nextBoolean() ? 0 : random.nextInt(5);
      byte[] src = new byte[off + len + (off == 0 ? 0 : random.nextInt(5))];
      random.nextBytes(src);
      byte[] jdkOut = new byte[Base64Codec.encodedLength(len) + 3];
      byte[] parleyOut = new byte[jdkOut.length];
      int j = jdk.encode(src, off, len, jdkOut);
      int p = parley.encode(src, off, len, parleyOut);
      assertThat(j).isEqualTo(p).isEqualTo(Base64Codec.encodedLength(len));
      assertThat(jdkOut).as("%d bytes at %d", len, off).isEqualTo(parleyOut);
    }
  }

  @Test
  void thePropertyForcesAnEngineAndOtherwiseTheVmFlagDecides() {
    assertThat(PayloadBase64.chooseEngine("jdk", false)).isEqualTo(Engine.JDK);
    assertThat(PayloadBase64.chooseEngine(" JDK ", null)).isEqualTo(Engine.JDK);
    assertThat(PayloadBase64.chooseEngine("parley", true)).isEqualTo(Engine.PARLEY);
    assertThat(PayloadBase64.chooseEngine(null, true)).isEqualTo(Engine.JDK);
    assertThat(PayloadBase64.chooseEngine("", true)).isEqualTo(Engine.JDK);
    assertThat(PayloadBase64.chooseEngine(null, false)).isEqualTo(Engine.PARLEY);
    // A VM that does not report the flag gets Parley's coder, the one that is never slow.
    assertThat(PayloadBase64.chooseEngine(null, null)).isEqualTo(Engine.PARLEY);
    assertThat(PayloadBase64.chooseEngine("fastest", true)).isEqualTo(Engine.JDK);
    assertThat(PayloadBase64.chooseEngine("fastest", false)).isEqualTo(Engine.PARLEY);
  }

  private static byte[] remove(byte[] a, int at) {
    byte[] r = new byte[a.length - 1];
    System.arraycopy(a, 0, r, 0, at);
    System.arraycopy(a, at + 1, r, at, a.length - at - 1);
    return r;
  }

  private static byte[] insert(byte[] a, int at, byte b) {
    byte[] r = new byte[a.length + 1];
    System.arraycopy(a, 0, r, 0, at);
    r[at] = b;
    System.arraycopy(a, at, r, at + 1, a.length - at);
    return r;
  }

  private static byte[] stripPadding(byte[] a) {
    int n = a.length;
    while (n > 0 && a[n - 1] == '=') {
      n--;
    }
    return Arrays.copyOf(a, n);
  }

  /**
   * Replaces the last character before the padding with any of the alphabet, so the bits past the
   * last byte, zero from an encoder, are mostly not.
   */
  private static byte[] anyLastCharacter(byte[] a, Random random) {
    int n = stripPadding(a).length;
    if (n == a.length || n == 0) {
      return a;
    }
    byte[] r = a.clone();
    r[n - 1] = (byte) ALPHABET.charAt(random.nextInt(64));
    return r;
  }
}
