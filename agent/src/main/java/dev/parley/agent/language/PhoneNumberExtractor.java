package dev.parley.agent.language;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds phone numbers with libphonenumber's {@link PhoneNumberUtil#findNumbers}, after turning
 * spoken digits ("five five five, one two three four") into written ones. Thread-safe.
 */
public final class PhoneNumberExtractor {

  private static final Pattern SPOKEN_DIGIT =
      Pattern.compile("(?i)\\b(zero|oh|one|two|three|four|five|six|seven|eight|nine)\\b");
  private static final Pattern SPOKEN_RUN =
      Pattern.compile(
          "(?i)\\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)[\\s,.-]+){6,}"
              + "(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\\b");

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  /** Creates an extractor reading national numbers as numbers of {@code defaultRegion} ("US"). */
  public PhoneNumberExtractor(String defaultRegion) {
    this.defaultRegion = defaultRegion;
  }

  /** Returns every valid phone number in {@code text}. */
  public List<PhoneMention> extract(String text) {
    List<PhoneMention> out = new ArrayList<>();
    for (PhoneNumberMatch m :
        util.findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
      out.add(
          new PhoneMention(
              util.format(m.number(), PhoneNumberUtil.PhoneNumberFormat.E164),
              util.getRegionCodeForNumber(m.number()) == null
                  ? "ZZ"
                  : util.getRegionCodeForNumber(m.number()),
              m.rawString()));
    }
    if (out.isEmpty()) {
      Matcher run = SPOKEN_RUN.matcher(text);
      while (run.find()) {
        String digits = spokenToDigits(run.group());
        for (PhoneNumberMatch m :
            util.findNumbers(digits, defaultRegion, PhoneNumberUtil.Leniency.VALID, 1)) {
          out.add(
              new PhoneMention(
                  util.format(m.number(), PhoneNumberUtil.PhoneNumberFormat.E164),
                  String.valueOf(util.getRegionCodeForNumber(m.number())),
                  run.group()));
        }
      }
    }
    return out;
  }

  /** Normalises {@code number} (any common format) to E.164, or returns null if it is not valid. */
  public String toE164(String number) {
    List<PhoneMention> found = extract(number);
    return found.isEmpty() ? null : found.get(0).e164();
  }

  private static String spokenToDigits(String spoken) {
    StringBuilder sb = new StringBuilder();
    int repeat = 1;
    for (String w : spoken.toLowerCase(java.util.Locale.ROOT).split("[\\s,.-]+")) {
      if (w.equals("double")) {
        repeat = 2;
        continue;
      }
      if (w.equals("triple")) {
        repeat = 3;
        continue;
      }
      Matcher d = SPOKEN_DIGIT.matcher(w);
      if (d.matches()) {
        int v = Tokenizer.UNITS.getOrDefault(w, 0);
        sb.append(String.valueOf(v).repeat(repeat));
        repeat = 1;
      }
    }
    return sb.toString();
  }
}
