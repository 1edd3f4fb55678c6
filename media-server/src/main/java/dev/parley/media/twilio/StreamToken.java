package dev.parley.media.twilio;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed stream token that admits a Twilio Media Stream to a call. Format (see {@code
 * media-server/STREAM_TOKEN.md}):
 *
 * <pre>
 *   v1.&lt;callId&gt;.&lt;expiry epoch seconds&gt;.&lt;base64url(HMAC-SHA256(secret, "v1.&lt;callId&gt;.&lt;expiry&gt;"), no padding)&gt;
 * </pre>
 *
 * The control plane mints it when it renders the TwiML {@code <Stream>} and passes it as {@code
 * <Parameter name="token">}; the media server verifies it on Twilio's {@code start}.
 */
public final class StreamToken {

  /** Call ids are restricted so they need no escaping in a URL path, a token or a log line. */
  public static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private static final String VERSION = "v1";
  private static final String HMAC = "HmacSHA256";

  private StreamToken() {}

  /** Why a token was refused, for the log and the metrics label. */
  public enum Verdict {
    VALID,
    MALFORMED,
    WRONG_CALL,
    EXPIRED,
    BAD_SIGNATURE
  }

  /** Mints a token for {@code callId} that expires at {@code expiry} (second precision). */
  public static String sign(byte[] secret, String callId, Instant expiry) {
    if (!CALL_ID.matcher(callId).matches()) {
      throw new IllegalArgumentException("call id must match " + CALL_ID.pattern());
    }
    String body = VERSION + "." + callId + "." + expiry.getEpochSecond();
    return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(secret, body));
  }

  /**
   * Checks {@code token} was minted with {@code secret} for {@code callId} and is unexpired at
   * {@code now}.
   */
  public static Verdict verify(byte[] secret, String token, String callId, Instant now) {
    if (token == null || token.length() > 256) {
      return Verdict.MALFORMED;
    }
    int last = token.lastIndexOf('.');
    if (last < 0) {
      return Verdict.MALFORMED;
    }
    String body = token.substring(0, last);
    String[] parts = body.split("\\.", -1);
    if (parts.length != 3 || !VERSION.equals(parts[0]) || !CALL_ID.matcher(parts[1]).matches()) {
      return Verdict.MALFORMED;
    }
    long expiry;
    try {
      expiry = Long.parseLong(parts[2]);
    } catch (NumberFormatException e) {
      return Verdict.MALFORMED;
    }
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(token.substring(last + 1));
    } catch (IllegalArgumentException e) {
      return Verdict.MALFORMED;
    }
    // Signature first, so an attacker learns nothing about ids or expiry from the verdict.
    if (!MessageDigest.isEqual(mac(secret, body), given)) {
      return Verdict.BAD_SIGNATURE;
    }
    if (!parts[1].equals(callId)) {
      return Verdict.WRONG_CALL;
    }
    if (now.getEpochSecond() >= expiry) {
      return Verdict.EXPIRED;
    }
    return Verdict.VALID;
  }

  private static byte[] mac(byte[] secret, String body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret, HMAC));
      return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
