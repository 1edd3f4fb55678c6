package dev.parley.control.telephony;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints the signed stream token a media node checks before it accepts a Twilio Media Stream, in the
 * format of {@code media-server/STREAM_TOKEN.md}:
 *
 * <pre>
 *   v1.&lt;callId&gt;.&lt;expiry epoch seconds&gt;.&lt;base64url(HMAC-SHA256(secret, "v1.&lt;callId&gt;.&lt;expiry&gt;")), no padding&gt;
 * </pre>
 */
public final class StreamTokens {
  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private StreamTokens() {}

  /** A token for {@code callId} valid until {@code expiry} (second precision). */
  public static String mint(byte[] secret, String callId, Instant expiry) {
    if (!CALL_ID.matcher(callId).matches()) {
      throw new IllegalArgumentException("call id must match " + CALL_ID.pattern());
    }
    String body = "v1." + callId + "." + expiry.getEpochSecond();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] sig = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
      return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
