package dev.parley.media.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): base64(HMAC-SHA1(auth token, full URL
 * followed by each POST parameter name and value, sorted by name)). A Media Streams WebSocket
 * upgrade is a GET, so only the URL is signed.
 */
public final class TwilioSignature {

  private TwilioSignature() {}

  /** Computes the signature Twilio would send for {@code url} and {@code params}. */
  public static String compute(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /** Constant-time check of {@code signature} against the expected one for {@code url}. */
  public static boolean valid(String authToken, String url, String signature) {
    if (signature == null) {
      return false;
    }
    byte[] expected = compute(authToken, url, Map.of()).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
  }
}
