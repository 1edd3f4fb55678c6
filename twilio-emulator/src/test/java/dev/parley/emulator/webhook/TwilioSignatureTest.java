package dev.parley.emulator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our signature against the official SDK's validator. */
class TwilioSignatureTest {

  private static final String TOKEN = "12345";

  @Test
  void matchesTheSdkValidatorForPostParameters() {
    String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    Map<String, String> params = new LinkedHashMap<>();
    params.put("CallSid", "CA1234567890ABCDE");
    params.put("Caller", "+12349013030");
    params.put("Digits", "1234");
    params.put("From", "+12349013030");
    params.put("To", "+18005551212");
    String signature = TwilioSignature.compute(TOKEN, url, multi(params));

    assertThat(new RequestValidator(TOKEN).validate(url, params, signature)).isTrue();
    assertThat(new RequestValidator("another-token").validate(url, params, signature)).isFalse();
    params.put("Digits", "1235");
    assertThat(new RequestValidator(TOKEN).validate(url, params, signature)).isFalse();
  }

  @Test
  void knownVectorFromTwilioDocs() {
    // The worked example of Twilio's webhook-security page (auth token 12345).
    Map<String, String> params = new LinkedHashMap<>();
    params.put("CallSid", "CA1234567890ABCDE");
    params.put("Caller", "+12349013030");
    params.put("Digits", "1234");
    params.put("From", "+12349013030");
    params.put("To", "+18005551212");
    assertThat(
            TwilioSignature.compute(
                TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=2", multi(params)))
        .isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  }

  @Test
  void signatureOverAUrlAloneValidatesForGet() throws Exception {
    String url = "http://127.0.0.1:9000/twiml?CallSid=CA1&To=%2B12125550100";
    String signature = TwilioSignature.compute(TOKEN, url, Map.of());
    assertThat(new RequestValidator(TOKEN).validate(url, Map.of(), signature)).isTrue();
  }

  private static Map<String, List<String>> multi(Map<String, String> single) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    single.forEach((k, v) -> out.put(k, List.of(v)));
    return out;
  }
}
