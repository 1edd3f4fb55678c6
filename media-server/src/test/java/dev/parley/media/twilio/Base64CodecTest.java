package dev.parley.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64CodecTest {

  @Test
  void roundTripsEveryLengthAgainstTheJdkAtNonZeroOffsets() {
    Random r = new Random(1);
    for (int len = 0; len < 400; len++) {
      byte[] data = new byte[len];
      r.nextBytes(data);
      String jdk = Base64.getEncoder().encodeToString(data);
      byte[] src = new byte[len + 7];
      System.arraycopy(data, 0, src, 7, len);
      byte[] enc = new byte[Base64Codec.encodedLength(len) + 3];
      int n = Base64Codec.encode(src, 7, len, enc, 3);
      assertThat(new String(enc, 3, n, StandardCharsets.US_ASCII)).isEqualTo(jdk);
      byte[] dec = new byte[len + 5];
      assertThat(Base64Codec.decode(enc, 3, n, dec, 5)).isEqualTo(len);
      assertThat(java.util.Arrays.copyOfRange(dec, 5, 5 + len)).isEqualTo(data);
    }
  }

  @Test
  void a160ByteMediaPayloadIs216CharsWithTwoPadding() {
    byte[] enc = new byte[216];
    assertThat(Base64Codec.encode(new byte[160], 0, 160, enc, 0)).isEqualTo(216);
    assertThat(new String(enc, 214, 2, StandardCharsets.US_ASCII)).isEqualTo("==");
  }

  @Test
  void rejectsBadInput() {
    byte[] dst = new byte[64];
    for (String bad :
        new String[] {"A", "AAAAA", "!!!!", "A=AA", "AA=A", "====", "AAA\"", "AB\u00e9A"}) {
      byte[] b = bad.getBytes(StandardCharsets.ISO_8859_1);
      assertThat(Base64Codec.decode(b, 0, b.length, dst, 0)).as(bad).isEqualTo(Base64Codec.INVALID);
    }
    byte[] ok = "AAAA".getBytes(StandardCharsets.US_ASCII);
    assertThat(Base64Codec.decode(ok, 0, 4, new byte[2], 0))
        .as("destination too small")
        .isEqualTo(Base64Codec.INVALID);
  }

  @Test
  void acceptsAndRejectsEveryByteAtEveryPositionAsTheJdkDoes() {
    // Three quads: the first goes through the 32-bit-store loop, the second is the last full quad,
    // the third carries the padding; one byte of 256 values is placed at each of the 12 positions.
    byte[] valid = "QUJDREVGR0g=".getBytes(StandardCharsets.US_ASCII);
    byte[] dst = new byte[16];
    for (int pos = 0; pos < valid.length; pos++) {
      for (int v = 0; v < 256; v++) {
        byte[] in = valid.clone();
        in[pos] = (byte) v;
        byte[] expected;
        try {
          expected = Base64.getDecoder().decode(in);
        } catch (IllegalArgumentException e) {
          expected = null;
        }
        int n = Base64Codec.decode(in, 0, in.length, dst, 0);
        if (expected == null) {
          assertThat(n).as("byte %d at %d", v, pos).isEqualTo(Base64Codec.INVALID);
        } else {
          assertThat(n).as("byte %d at %d", v, pos).isEqualTo(expected.length);
          assertThat(java.util.Arrays.copyOf(dst, n)).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void writesNothingPastTheDecodedBytes() {
    Random r = new Random(2);
    for (int len = 1; len < 200; len++) {
      byte[] data = new byte[len];
      r.nextBytes(data);
      byte[] enc = Base64.getEncoder().encode(data);
      byte[] dst = new byte[len + 9];
      java.util.Arrays.fill(dst, (byte) 0x5A);
      assertThat(Base64Codec.decode(enc, 0, enc.length, dst, 4)).isEqualTo(len);
      assertThat(java.util.Arrays.copyOfRange(dst, 4, 4 + len)).isEqualTo(data);
      for (int k = 0; k < 4; k++) {
        assertThat(dst[k]).isEqualTo((byte) 0x5A);
      }
      for (int k = 4 + len; k < dst.length; k++) {
        assertThat(dst[k]).as("len %d, byte %d", len, k).isEqualTo((byte) 0x5A);
      }
    }
  }
}
