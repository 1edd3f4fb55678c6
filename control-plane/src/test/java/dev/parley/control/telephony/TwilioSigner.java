package dev.parley.control.telephony;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook the way Twilio does (HMAC-SHA1 over the URL followed by every POST parameter's
 * name and value in name order, base64), written from Twilio's documentation rather than with the
 * SDK's validator, so the tests check the validator against an independent implementation.
 */
public final class TwilioSigner {
  private TwilioSigner() {}

  public static String sign(String authToken, String url, Map<String, String> params)
      throws Exception {
    StringBuilder data = new StringBuilder(url);
    for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
      data.append(e.getKey()).append(e.getValue());
    }
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
