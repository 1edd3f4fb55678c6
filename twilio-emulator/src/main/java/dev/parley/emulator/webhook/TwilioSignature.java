package dev.parley.emulator.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SIMULATION ONLY: computes {@code X-Twilio-Signature} exactly as Twilio does.
 *
 * <p>Twilio's algorithm (documented under "Webhooks security"): take the full URL the request is
 * sent to, append each POST parameter's name and value with the names sorted, HMAC-SHA1 the UTF-8
 * bytes with the account's auth token as the key, and Base64 the digest. For a GET the parameters
 * are in the URL's query string and nothing is appended.
 */
public final class TwilioSignature {

  /** Header Twilio puts the signature in. */
  public static final String HEADER = "X-Twilio-Signature";

  private TwilioSignature() {}

  /** The signature of a request to {@code url} with form {@code params} (empty for GET). */
  public static String compute(String authToken, String url, Map<String, List<String>> params) {
    StringBuilder data = new StringBuilder(url);
    for (Map.Entry<String, List<String>> e : new TreeMap<>(params).entrySet()) {
      // Repeated names: Twilio concatenates name+value for each value, values in sorted order.
      List<String> values = new ArrayList<>(e.getValue());
      values.sort(null);
      for (String value : values) {
        data.append(e.getKey()).append(value);
      }
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] digest = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }
}
