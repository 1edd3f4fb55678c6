package dev.parley.emulator.number;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * SIMULATION ONLY: one phone number the account owns, configured like Twilio's IncomingPhoneNumber
 * resource: where an incoming call's webhook goes ({@code VoiceUrl}, {@code VoiceMethod}) and where
 * its status callbacks go ({@code StatusCallback}, {@code StatusCallbackMethod}).
 *
 * @param phoneNumber the number in E.164
 * @param sid {@code PN} + 32 hex digits, derived from the number so it is stable across restarts
 * @param voiceUrl asked (signed) what to do with each incoming call
 * @param voiceMethod {@code POST} (Twilio's default) or {@code GET}
 * @param statusCallback told when an incoming call ends, if set
 * @param statusCallbackMethod {@code POST} or {@code GET}
 */
public record IncomingNumber(
    String phoneNumber,
    String sid,
    String voiceUrl,
    String voiceMethod,
    Optional<String> statusCallback,
    String statusCallbackMethod) {

  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

  public IncomingNumber {
    Objects.requireNonNull(statusCallback, "statusCallback");
    if (phoneNumber == null || !E164.matcher(phoneNumber).matches()) {
      throw new IllegalArgumentException("incoming number must be E.164, got " + phoneNumber);
    }
    if (sid == null || !sid.matches("PN[0-9a-f]{32}")) {
      throw new IllegalArgumentException("sid must be PN followed by 32 hex digits, got " + sid);
    }
    requireHttpUrl(voiceUrl, "voiceUrl");
    statusCallback.ifPresent(u -> requireHttpUrl(u, "statusCallback"));
    voiceMethod = method(voiceMethod, "voiceMethod");
    statusCallbackMethod = method(statusCallbackMethod, "statusCallbackMethod");
  }

  /**
   * {@code phoneNumber} answered by a POST to {@code voiceUrl}, with status callbacks POSTed to
   * {@code statusCallback} when it is not null.
   */
  public static IncomingNumber of(String phoneNumber, String voiceUrl, String statusCallback) {
    return new IncomingNumber(
        phoneNumber,
        sidFor(phoneNumber),
        voiceUrl,
        "POST",
        Optional.ofNullable(statusCallback),
        "POST");
  }

  /** The {@code PN…} SID the emulator gives {@code phoneNumber}. */
  public static String sidFor(String phoneNumber) {
    UUID id = UUID.nameUUIDFromBytes(phoneNumber.getBytes(StandardCharsets.UTF_8));
    return String.format("PN%016x%016x", id.getMostSignificantBits(), id.getLeastSignificantBits());
  }

  private static String method(String m, String name) {
    String upper = m == null ? "POST" : m.trim().toUpperCase(Locale.ROOT);
    if (!upper.equals("POST") && !upper.equals("GET")) {
      throw new IllegalArgumentException(name + " must be GET or POST, got " + m);
    }
    return upper;
  }

  private static void requireHttpUrl(String url, String name) {
    try {
      URI uri = new URI(Objects.requireNonNull(url, name));
      String scheme = uri.getScheme();
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException(name + " is not an http(s) URL: " + url);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " is not a valid URL: " + url, e);
    }
  }
}
