package dev.parley.media.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamTokenTest {

  private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
  private static final String CALL = "6f1c2b1e-7a57-4c0e-9d55-0d8d4c3b2a10";

  @Test
  void matchesTheDocumentedVector() {
    // The vector in STREAM_TOKEN.md, which the control plane's tests check too.
    String token = StreamToken.sign(SECRET, CALL, Instant.ofEpochSecond(1_900_000_000L));
    assertThat(token).isEqualTo(STREAM_TOKEN_MD_VECTOR);
  }

  static final String STREAM_TOKEN_MD_VECTOR =
      "v1.6f1c2b1e-7a57-4c0e-9d55-0d8d4c3b2a10.1900000000.zC5l7QChRtQmpFswoAxHKPCJWY_otnXAOeMjr3DTX9Q";

  @Test
  void verifiesAndRefusesForEachReason() {
    Instant now = Instant.ofEpochSecond(1_800_000_000L);
    String token = StreamToken.sign(SECRET, CALL, now.plusSeconds(60));
    assertThat(StreamToken.verify(SECRET, token, CALL, now)).isEqualTo(StreamToken.Verdict.VALID);
    assertThat(StreamToken.verify(SECRET, token, CALL, now.plusSeconds(60)))
        .isEqualTo(StreamToken.Verdict.EXPIRED);
    assertThat(StreamToken.verify(SECRET, token, "other", now))
        .isEqualTo(StreamToken.Verdict.WRONG_CALL);
    assertThat(StreamToken.verify("x".getBytes(StandardCharsets.UTF_8), token, CALL, now))
        .isEqualTo(StreamToken.Verdict.BAD_SIGNATURE);
    String tampered = token.replace(".18000000", ".19000000");
    assertThat(StreamToken.verify(SECRET, tampered, CALL, now))
        .isEqualTo(StreamToken.Verdict.BAD_SIGNATURE);
    for (String bad :
        new String[] {null, "", "v1", "v2.a.1.x", "v1.a.b.c", "v1.a.1.!!", "v1.a.b.1.x"}) {
      assertThat(StreamToken.verify(SECRET, bad, CALL, now))
          .as(String.valueOf(bad))
          .isEqualTo(StreamToken.Verdict.MALFORMED);
    }
  }

  @Test
  void twilioSignatureMatchesTwilioDocumentedExample() {
    // Twilio's "Validating Requests" example: auth token 12345, this URL and these POST params.
    String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    Map<String, String> params =
        Map.of(
            "CallSid", "CA1234567890ABCDE",
            "Caller", "+12349013030",
            "Digits", "1234",
            "From", "+12349013030",
            "To", "+18005551212");
    assertThat(TwilioSignature.compute("12345", url, params))
        .isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    assertThat(
            TwilioSignature.valid(
                "12345",
                "wss://h/streams/x",
                TwilioSignature.compute("12345", "wss://h/streams/x", Map.of())))
        .isTrue();
    assertThat(TwilioSignature.valid("12345", "wss://h/streams/x", "AAAA")).isFalse();
  }
}
