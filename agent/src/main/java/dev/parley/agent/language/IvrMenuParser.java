package dev.parley.agent.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the options of an automated phone menu from its transcript in both orders people record
 * them: "for appointments press 1" and "press 2 for billing", "to speak to a representative, press
 * zero". Thread-safe.
 */
public final class IvrMenuParser {

  private static final String KEY =
      "(\\d|zero|one|two|three|four|five|six|seven|eight|nine|star|pound|hash|the pound key|the star key)";
  private static final Pattern LABEL_FIRST =
      Pattern.compile(
          "(?i)\\b(?:for|if you(?:'d like to| would like to| want to| need to| are| have| wish to)?|to)\\s+"
              + "([^.,;]{2,80}?)[,]?\\s+(?:please\\s+)?(?:press|dial|enter|say)\\s+"
              + KEY
              + "\\b");
  private static final Pattern KEY_FIRST =
      Pattern.compile(
          "(?i)\\b(?:press|dial|enter)\\s+"
              + KEY
              + "\\s+(?:for|to|if you(?:'d like to| would like to| want to| need to| are)?)\\s+([^.,;]{2,80})");
  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("zero", "0"),
          Map.entry("one", "1"),
          Map.entry("two", "2"),
          Map.entry("three", "3"),
          Map.entry("four", "4"),
          Map.entry("five", "5"),
          Map.entry("six", "6"),
          Map.entry("seven", "7"),
          Map.entry("eight", "8"),
          Map.entry("nine", "9"),
          Map.entry("star", "*"),
          Map.entry("the star key", "*"),
          Map.entry("pound", "#"),
          Map.entry("hash", "#"),
          Map.entry("the pound key", "#"));

  /** Returns the menu options in {@code text}, in the order they were read. */
  public List<MenuOption> parse(String text) {
    List<MenuOption> out = new ArrayList<>();
    Matcher a = LABEL_FIRST.matcher(text);
    Matcher b = KEY_FIRST.matcher(text);
    // A menu keeps one order throughout; whichever order starts first is the menu's order, so
    // "press 2 for X, press 3 for Y" is not misread as "for X, press 3".
    boolean labelFirst = a.find();
    boolean keyFirst = b.find();
    if (keyFirst && (!labelFirst || b.start() < a.start())) {
      labelFirst = false;
    }
    a.reset();
    b.reset();
    while (labelFirst && a.find()) {
      String label = clean(a.group(1));
      // "to speak to X press 0" may have matched from an earlier "to": keep the tail.
      int cut = label.lastIndexOf(" press ");
      if (cut < 0) {
        out.add(new MenuOption(digit(a.group(2)), label, a.group().trim()));
      }
    }
    while (b.find()) {
      String d = digit(b.group(1));
      String label = clean(b.group(2));
      if (label.contains(" press ")) {
        label = label.substring(0, label.indexOf(" press "));
      }
      boolean dup = false;
      for (MenuOption o : out) {
        dup |= o.digits().equals(d);
      }
      if (!dup) {
        out.add(new MenuOption(d, label, b.group().trim()));
      }
    }
    return out;
  }

  private static String clean(String label) {
    String l = label.toLowerCase(Locale.ROOT).trim();
    for (String lead : new String[] {"for ", "to ", "please "}) {
      if (l.startsWith(lead)) {
        l = l.substring(lead.length());
      }
    }
    return l.replaceAll("\\s+", " ").trim();
  }

  private static String digit(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return WORDS.getOrDefault(k, k);
  }
}
