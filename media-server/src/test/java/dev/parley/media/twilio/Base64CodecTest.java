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
}
