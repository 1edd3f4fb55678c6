package dev.parley.control.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.parley.control.web.ProblemException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses phone numbers as people type them and normalises them to E.164, the only form stored.
 * Numbers without a country code are read in the configured default region.
 */
@Singleton
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /** Longer input is refused before libphonenumber sees it (it caps at 250 itself). */
  private static final int MAX_INPUT = 64;

  private final String defaultRegion;

  public PhoneNumbers(@Value("${parley.default-region:US}") String defaultRegion) {
    this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    if (!UTIL.getSupportedRegions().contains(this.defaultRegion)) {
      throw new IllegalArgumentException("PARLEY_DEFAULT_REGION is not a region: " + defaultRegion);
    }
  }

  /** The E.164 form of a valid number, or empty if the input is not a valid number. */
  public Optional<String> tryNormalize(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(raw, defaultRegion);
      if (!UTIL.isValidNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** The E.164 form of {@code raw}, or a 422 problem naming {@code field}. */
  public String normalize(String field, String raw) {
    return tryNormalize(raw)
        .orElseThrow(
            () ->
                ProblemException.invalidField(
                    field, "is not a valid phone number for region " + defaultRegion));
  }

  /** Valid phone numbers written anywhere in free text, in E.164, in order of appearance. */
  public List<String> findIn(String text) {
    List<String> found = new ArrayList<>();
    for (PhoneNumberMatch match : UTIL.findNumbers(text, defaultRegion)) {
      String e164 = UTIL.format(match.number(), PhoneNumberUtil.PhoneNumberFormat.E164);
      if (UTIL.isValidNumber(match.number()) && !found.contains(e164)) {
        found.add(e164);
      }
    }
    return found;
  }

  public String defaultRegion() {
    return defaultRegion;
  }
}
