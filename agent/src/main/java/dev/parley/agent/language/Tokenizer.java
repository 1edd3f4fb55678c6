package dev.parley.agent.language;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an utterance into tokens and folds spoken numbers ("a hundred and fifty", "twenty-fourth")
 * into single number tokens, keeping the original spans.
 */
final class Tokenizer {

  private static final Pattern TOKEN =
      Pattern.compile(
          "(?<clock>\\d{1,2}:\\d{2})"
              + "|(?<ord>\\d{1,3}(?:st|nd|rd|th)\\b)"
              + "|(?<num>\\d+(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"
              + "|(?<mer>[aApP]\\.[mM]\\.?)"
              + "|(?<word>[A-Za-z]+(?:'[A-Za-z]+)?)"
              + "|(?<cur>[$€£])"
              + "|(?<sym>\\S)",
          Pattern.UNICODE_CASE);

  static final Map<String, Integer> UNITS =
      Map.ofEntries(
          Map.entry("zero", 0),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9));
  static final Map<String, Integer> TEENS =
      Map.ofEntries(
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("thirteen", 13),
          Map.entry("fourteen", 14),
          Map.entry("fifteen", 15),
          Map.entry("sixteen", 16),
          Map.entry("seventeen", 17),
          Map.entry("eighteen", 18),
          Map.entry("nineteen", 19));
  static final Map<String, Integer> TENS =
      Map.of(
          "twenty", 20, "thirty", 30, "forty", 40, "fifty", 50, "sixty", 60, "seventy", 70,
          "eighty", 80, "ninety", 90);
  static final Map<String, Integer> ORDINALS =
      Map.ofEntries(
          Map.entry("first", 1),
          Map.entry("second", 2),
          Map.entry("third", 3),
          Map.entry("fourth", 4),
          Map.entry("fifth", 5),
          Map.entry("sixth", 6),
          Map.entry("seventh", 7),
          Map.entry("eighth", 8),
          Map.entry("ninth", 9),
          Map.entry("tenth", 10),
          Map.entry("eleventh", 11),
          Map.entry("twelfth", 12),
          Map.entry("thirteenth", 13),
          Map.entry("fourteenth", 14),
          Map.entry("fifteenth", 15),
          Map.entry("sixteenth", 16),
          Map.entry("seventeenth", 17),
          Map.entry("eighteenth", 18),
          Map.entry("nineteenth", 19),
          Map.entry("twentieth", 20),
          Map.entry("thirtieth", 30));

  private Tokenizer() {}

  /** Tokenizes {@code text}; spoken numbers become single NUMBER or ORDINAL tokens. */
  static List<Token> tokenize(String text) {
    List<Token> raw = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      String t = m.group();
      int s = m.start();
      int e = m.end();
      if (m.group("clock") != null) {
        String[] hm = t.split(":");
        int v = Integer.parseInt(hm[0]) * 100 + Integer.parseInt(hm[1]);
        raw.add(new Token(Token.Kind.CLOCK, t, BigDecimal.valueOf(v), false, s, e));
      } else if (m.group("ord") != null) {
        String digits = t.substring(0, t.length() - 2);
        raw.add(new Token(Token.Kind.ORDINAL, t, new BigDecimal(digits), false, s, e));
      } else if (m.group("num") != null) {
        raw.add(new Token(Token.Kind.NUMBER, t, new BigDecimal(t.replace(",", "")), false, s, e));
      } else if (m.group("mer") != null) {
        String mer = Character.toLowerCase(t.charAt(0)) == 'a' ? "am" : "pm";
        raw.add(new Token(Token.Kind.WORD, mer, null, false, s, e));
      } else if (m.group("word") != null) {
        raw.add(new Token(Token.Kind.WORD, t.toLowerCase(Locale.ROOT), null, false, s, e));
      } else if (m.group("cur") != null) {
        raw.add(new Token(Token.Kind.CURRENCY, t, null, false, s, e));
      } else {
        raw.add(new Token(Token.Kind.SYMBOL, t, null, false, s, e));
      }
    }
    return foldNumberWords(raw);
  }

  private enum Last {
    NONE,
    UNIT,
    TEEN,
    TENS,
    TENS_UNIT,
    HUNDRED,
    SCALE,
    AND
  }

  private static List<Token> foldNumberWords(List<Token> raw) {
    List<Token> out = new ArrayList<>(raw.size());
    int i = 0;
    while (i < raw.size()) {
      i = parseNumberAt(raw, i, out);
    }
    return out;
  }

  /**
   * Parses a spoken number starting at {@code i}; appends either the folded number token or the
   * token at {@code i} unchanged, and returns the index after what it consumed.
   */
  private static int parseNumberAt(List<Token> raw, int i, List<Token> out) {
    long total = 0;
    long current = 0;
    Last last = Last.NONE;
    boolean ordinal = false;
    int j = i;
    int endTok = -1;
    while (j < raw.size()) {
      Token t = raw.get(j);
      String w = t.kind() == Token.Kind.WORD ? t.text() : "";
      if (w.equals("a") && last == Last.NONE && next(raw, j, "hundred", "thousand")) {
        current = 1;
        last = Last.UNIT;
        j++;
        continue;
      }
      Integer unit = UNITS.get(w);
      if (unit != null
          && (last == Last.NONE
              || last == Last.TENS
              || last == Last.HUNDRED
              || last == Last.SCALE
              || last == Last.AND)) {
        current += unit;
        last = last == Last.TENS ? Last.TENS_UNIT : Last.UNIT;
        endTok = j++;
        continue;
      }
      Integer teen = TEENS.get(w);
      Integer tens = TENS.get(w);
      if ((teen != null || tens != null)
          && (last == Last.NONE
              || last == Last.HUNDRED
              || last == Last.SCALE
              || last == Last.AND)) {
        current += teen != null ? teen : tens;
        last = teen != null ? Last.TEEN : Last.TENS;
        endTok = j++;
        continue;
      }
      Integer ord = ORDINALS.get(w);
      if (ord != null
          && (last == Last.NONE || last == Last.TENS || last == Last.HUNDRED || last == Last.AND)) {
        current += ord;
        ordinal = true;
        endTok = j++;
        break;
      }
      if (w.equals("hundred")
          && (last == Last.UNIT || last == Last.TEEN || last == Last.TENS_UNIT)) {
        current *= 100;
        last = Last.HUNDRED;
        endTok = j++;
        continue;
      }
      if ((w.equals("thousand") || w.equals("million")) && last != Last.NONE && last != Last.AND) {
        total += current * (w.equals("thousand") ? 1000 : 1_000_000);
        current = 0;
        last = Last.SCALE;
        endTok = j++;
        continue;
      }
      if (w.equals("and")
          && (last == Last.HUNDRED || last == Last.SCALE)
          && j + 1 < raw.size()
          && isSmallNumberWord(raw.get(j + 1).text())
          && !next(raw, j + 1, "hundred", "thousand")) {
        last = Last.AND;
        j++;
        continue;
      }
      if (t.kind() == Token.Kind.SYMBOL
          && t.text().equals("-")
          && last == Last.TENS
          && j + 1 < raw.size()
          && (UNITS.containsKey(raw.get(j + 1).text())
              || ORDINALS.containsKey(raw.get(j + 1).text()))) {
        j++;
        continue;
      }
      break;
    }
    if (endTok < 0) {
      out.add(raw.get(i));
      return i + 1;
    }
    long value = total + current;
    Token first = raw.get(i);
    Token lastTok = raw.get(endTok);
    StringBuilder words = new StringBuilder();
    for (int k = i; k <= endTok; k++) {
      if (raw.get(k).kind() == Token.Kind.WORD) {
        if (words.length() > 0) {
          words.append(' ');
        }
        words.append(raw.get(k).text());
      }
    }
    out.add(
        new Token(
            ordinal ? Token.Kind.ORDINAL : Token.Kind.NUMBER,
            words.toString(),
            BigDecimal.valueOf(value),
            true,
            first.start(),
            lastTok.end()));
    return endTok + 1;
  }

  private static boolean isSmallNumberWord(String w) {
    return UNITS.containsKey(w)
        || TEENS.containsKey(w)
        || TENS.containsKey(w)
        || ORDINALS.containsKey(w);
  }

  private static boolean next(List<Token> raw, int j, String... words) {
    if (j + 1 >= raw.size()) {
      return false;
    }
    String n = raw.get(j + 1).text();
    for (String w : words) {
      if (w.equals(n)) {
        return true;
      }
    }
    return false;
  }
}
