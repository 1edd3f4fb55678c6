package dev.parley.control.telephony;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Twilio account, the public address Twilio reaches this service at, and the stream token secret.
 *
 * @param apiBaseUrl Twilio's REST API root ({@code TWILIO_API_BASE_URL}, default
 *     https://api.twilio.com); the emulator and tests point it elsewhere
 * @param publicBaseUrl how Twilio reaches this service ({@code PARLEY_PUBLIC_BASE_URL}); webhook
 *     URLs are built from it and signatures are checked against it, so it works behind a proxy
 * @param callerId the number calls are placed from ({@code TWILIO_CALLER_ID})
 * @param ringTimeout how long a callee's phone rings before the attempt counts as no answer
 * @param streamSecret the key media nodes verify stream tokens with ({@code PARLEY_STREAM_SECRET})
 * @param streamTokenTtl how long a minted stream token stays valid
 */
public record TelephonyConfig(
    URI apiBaseUrl,
    String accountSid,
    String authToken,
    String callerId,
    URI publicBaseUrl,
    Duration ringTimeout,
    String machineDetection,
    byte[] streamSecret,
    Duration streamTokenTtl) {

  public TelephonyConfig {
    Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
    Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    Objects.requireNonNull(streamSecret, "streamSecret");
    if (streamSecret.length < 16) {
      throw new IllegalArgumentException("PARLEY_STREAM_SECRET must be at least 16 bytes");
    }
  }

  /** A webhook URL under the public base: {@code base + path}. */
  public String publicUrl(String path) {
    String base = publicBaseUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + path;
  }
}
