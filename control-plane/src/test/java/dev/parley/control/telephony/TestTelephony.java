package dev.parley.control.telephony;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Telephony settings for tests. */
final class TestTelephony {
  static final String SID = "AC11111111111111111111111111111111";
  static final String TOKEN = "test-auth-token-0123456789";
  static final byte[] STREAM_SECRET =
      "stream-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8);

  private TestTelephony() {}

  static TelephonyConfig config(URI apiBase) {
    return new TelephonyConfig(
        apiBase,
        SID,
        TOKEN,
        "+15005550006",
        URI.create("https://parley.example.com/base"),
        Duration.ofSeconds(25),
        "DetectMessageEnd",
        STREAM_SECRET,
        Duration.ofMinutes(5));
  }
}
