package dev.parley.agent.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds confirmation codes, including ones spelled out the way people read them on the phone: "your
 * confirmation number is B as in bravo, 7, 4, X-ray, 9" → B74X9, "alpha seven two", "C-X-4-4-1",
 * "double four". Thread-safe.
 */
public final class ConfirmationCodeExtractor {

  private static final Map<String, Character> NATO =
      Map.ofEntries(
          Map.entry("alpha", 'A'),
          Map.entry("alfa", 'A'),
          Map.entry("bravo", 'B'),
          Map.entry("charlie", 'C'),
          Map.entry("delta", 'D'),
          Map.entry("echo", 'E'),
          Map.entry("foxtrot", 'F'),
          Map.entry("golf", 'G'),
          Map.entry("hotel", 'H'),
          Map.entry("india", 'I'),
          Map.entry("juliet", 'J'),
          Map.entry("juliett", 'J'),
          Map.entry("kilo", 'K'),
          Map.entry("lima", 'L'),
          Map.entry("mike", 'M'),
          Map.entry("november", 'N'),
          Map.entry("oscar", 'O'),
          Map.entry("papa", 'P'),
          Map.entry("quebec", 'Q'),
          Map.entry("romeo", 'R'),
          Map.entry("sierra", 'S'),
          Map.entry("tango", 'T'),
          Map.entry("uniform", 'U'),
          Map.entry("victor", 'V'),
          Map.entry("whiskey", 'W'),
          Map.entry("whisky", 'W'),
          Map.entry("xray", 'X'),
          Map.entry("yankee", 'Y'),
          Map.entry("zulu", 'Z'));
  private static final Map<String, Character> DIGITS =
      Map.ofEntries(
          Map.entry("zero", '0'),
          Map.entry("oh", '0'),
          Map.entry("o", '0'),
          Map.entry("one", '1'),
          Map.entry("two", '2'),
          Map.entry("three", '3'),
          Map.entry("four", '4'),
          Map.entry("five", '5'),
          Map.entry("six", '6'),
          Map.entry("seven", '7'),
          Map.entry("eight", '8'),
          Map.entry("nine", '9'));

  private static final Pattern TRIGGER =
      Pattern.compile(
          "(?i)\\b(?:confirmation|booking|reservation|reference|ref|order|ticket|case|claim|"
              + "appointment|tracking)\\b\\s*(?:number|code|no\\.?|#|id)?\\s*(?:is|will be|would be|"
              + "it's|is going to be|:)?\\s*:?|\\b(?:your|the) code is\\s*:?");

  /** Codes written as one run: "B74X9", "C-X-4-4-1", "AB-1234". */
  private static final Pattern WRITTEN =
      Pattern.compile(
          "\\b(?=[A-Za-z0-9-]*\\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\\b"
              + "|\\b(?=[A-Za-z]*\\d)(?=\\d*[A-Z])[A-Z0-9]{4,12}\\b");

  private static final Pattern PIECE = Pattern.compile("(?i)x-ray|[A-Za-z]+|\\d+|[,.\\-]|\\S");
  private static final Set<String> FILLER = Set.of("and", "then", "that's", "thats", "um", "uh");

  /** Returns codes found after a trigger phrase, then any written-out codes elsewhere. */
  public List<ConfirmationCode> extract(String text) {
    List<ConfirmationCode> out = new ArrayList<>();
    Matcher trig = TRIGGER.matcher(text);
    int covered = 0;
    while (trig.find()) {
      ConfirmationCode code = readSpelled(text, trig.end());
      if (code != null) {
        out.add(code);
        covered = Math.max(covered, text.indexOf(code.raw(), trig.end()) + code.raw().length());
      }
    }
    Matcher w = WRITTEN.matcher(text);
    while (w.find()) {
      if (w.start() < covered) {
        continue;
      }
      String code = w.group().replace("-", "").toUpperCase(Locale.ROOT);
      if (code.length() >= 4 && !looksLikePhoneOrTime(w.group())) {
        out.add(new ConfirmationCode(code, w.group()));
      }
    }
    return out;
  }

  /** Returns the first code, or null. */
  public ConfirmationCode first(String text) {
    List<ConfirmationCode> all = extract(text);
    return all.isEmpty() ? null : all.get(0);
  }

  private static boolean looksLikePhoneOrTime(String s) {
    return s.matches("[\\d-]+");
  }

  /** Reads code characters from {@code from} until a word that cannot be part of a code. */
  private static ConfirmationCode readSpelled(String text, int from) {
    Matcher m = PIECE.matcher(text);
    m.region(from, text.length());
    StringBuilder code = new StringBuilder();
    int start = -1;
    int end = -1;
    int repeat = 1;
    boolean skipNext = false;
    while (m.find()) {
      String p = m.group();
      String lower = p.toLowerCase(Locale.ROOT).replace("-", "");
      if (skipNext) {
        // the word after "as in" only confirms the letter just read
        skipNext = false;
        end = m.end();
        continue;
      }
      if (p.equals(",") || p.equals("-") || p.equals(".")) {
        if (p.equals(".")
            && code.length() > 0
            && m.end() < text.length()
            && !Character.isWhitespace(text.charAt(m.end()))) {
          continue;
        }
        if (p.equals(".") && nextIsSentence(text, m.end())) {
          break;
        }
        continue;
      }
      if (lower.equals("as") && text.regionMatches(true, m.end(), " in", 0, 3)) {
        m.find();
        skipNext = true;
        continue;
      }
      if (lower.equals("double") || lower.equals("triple")) {
        repeat = lower.equals("double") ? 2 : 3;
        continue;
      }
      Character c = null;
      String chunk = null;
      if (NATO.containsKey(lower)) {
        c = NATO.get(lower);
      } else if (DIGITS.containsKey(lower)
          && !(lower.equals("o") && p.equals("O") && code.length() == 0)) {
        c = DIGITS.get(lower);
      } else if (p.length() == 1 && isAsciiLetterOrDigit(p.charAt(0))) {
        c = Character.toUpperCase(p.charAt(0));
      } else if (p.matches("[A-Za-z0-9]+")
          && (p.matches(".*\\d.*") || p.equals(p.toUpperCase(Locale.ROOT)))
          && p.length() <= 12) {
        chunk = p.toUpperCase(Locale.ROOT);
      } else if (FILLER.contains(lower) && code.length() > 0) {
        continue;
      } else {
        break;
      }
      if (start < 0) {
        start = m.start();
      }
      end = m.end();
      if (chunk != null) {
        code.append(chunk);
      } else {
        code.append(String.valueOf(c).repeat(repeat));
      }
      repeat = 1;
    }
    if (code.length() < 3 || start < 0) {
      return null;
    }
    return new ConfirmationCode(code.toString(), text.substring(start, end));
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean nextIsSentence(String text, int at) {
    int k = at;
    while (k < text.length() && Character.isWhitespace(text.charAt(k))) {
      k++;
    }
    if (k >= text.length()) {
      return true;
    }
    // A capitalised word after a full stop that is not a NATO word or a single letter ends the
    // code.
    int e = k;
    while (e < text.length() && Character.isLetter(text.charAt(e))) {
      e++;
    }
    String word = text.substring(k, e).toLowerCase(Locale.ROOT);
    return e - k > 1 && !NATO.containsKey(word) && !DIGITS.containsKey(word);
  }
}
