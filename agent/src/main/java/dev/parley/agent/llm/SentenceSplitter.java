package dev.parley.agent.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts streamed text into sentences as soon as each one is certainly complete. A sentence ends at
 * {@code .}, {@code !}, {@code ?} or an ellipsis (with any closing quotes or brackets), followed by
 * white space and a word that can start a sentence; or at a line break. A full stop is not an end
 * after a title ("Dr.", "Mrs."), an initial ("J."), "No." before a number, or when the next word is
 * lower-case ("approx. two"); a decimal ("$1.50") has no space after its point. "a.m."/"p.m." end a
 * sentence only when a capitalised word that is not a day, month or title follows.
 *
 * <p>Not thread-safe: one splitter per streamed reply.
 */
public final class SentenceSplitter {

  private static final Set<String> TITLES =
      Set.of(
          "dr", "mr", "mrs", "ms", "mx", "prof", "st", "sr", "jr", "rev", "hon", "capt", "lt",
          "sgt", "mt", "ft", "gen", "col", "vs", "e.g", "i.e", "cf", "approx", "appt", "dept",
          "est", "ave", "blvd", "rd", "apt", "ste");
  private static final Set<String> CLOCK = Set.of("a.m", "p.m");
  private static final Set<String> CALENDAR =
      Set.of(
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "mon",
          "tue",
          "tues",
          "wed",
          "thu",
          "thur",
          "thurs",
          "fri",
          "sat",
          "sun",
          "jan",
          "feb",
          "mar",
          "apr",
          "jun",
          "jul",
          "aug",
          "sep",
          "sept",
          "oct",
          "nov",
          "dec",
          "eastern",
          "pacific",
          "central",
          "mountain",
          "est",
          "pst",
          "cst",
          "edt",
          "pdt");

  private final StringBuilder buffer = new StringBuilder();
  private int scanFrom;

  /** Adds streamed text; returns the sentences it completed, in order. */
  public List<String> append(String text) {
    buffer.append(text);
    List<String> out = new ArrayList<>();
    int i = scanFrom;
    while (i < buffer.length()) {
      char c = buffer.charAt(i);
      if (c == '\n') {
        emit(out, i, i + 1);
        i = 0;
        continue;
      }
      if (c != '.' && c != '!' && c != '?' && c != '…') {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < buffer.length() && isCloser(buffer.charAt(end), buffer.charAt(end - 1))) {
        end++;
      }
      if (end == buffer.length()) {
        scanFrom = i;
        return out;
      }
      if (!Character.isWhitespace(buffer.charAt(end))) {
        i = end;
        continue;
      }
      int next = end;
      while (next < buffer.length() && buffer.charAt(next) == ' ') {
        next++;
      }
      if (next == buffer.length()) {
        scanFrom = i;
        return out;
      }
      if (endsSentence(i, next)) {
        emit(out, end, next);
        i = 0;
      } else {
        i = end;
      }
    }
    scanFrom = buffer.length();
    return out;
  }

  /** The text after the last complete sentence, trimmed, or null when there is none. */
  public String finish() {
    String rest = buffer.toString().strip();
    buffer.setLength(0);
    scanFrom = 0;
    return rest.isEmpty() ? null : rest;
  }

  /** Splits a whole text at once. */
  public static List<String> split(String text) {
    SentenceSplitter s = new SentenceSplitter();
    List<String> out = new ArrayList<>(s.append(text));
    String rest = s.finish();
    if (rest != null) {
      out.add(rest);
    }
    return out;
  }

  private void emit(List<String> out, int end, int restart) {
    String sentence = buffer.substring(0, end).strip();
    buffer.delete(0, restart);
    scanFrom = 0;
    if (!sentence.isEmpty()) {
      out.add(sentence);
    }
  }

  private static boolean isCloser(char c, char previous) {
    return c == '"'
        || c == '\''
        || c == ')'
        || c == ']'
        || c == '”'
        || c == '’'
        || (c == '.' && (previous == '.' || previous == '!' || previous == '?'));
  }

  /**
   * Whether the mark at {@code mark} ends a sentence, given the first character of what follows.
   */
  private boolean endsSentence(int mark, int next) {
    char following = buffer.charAt(next);
    if (following == '\n') {
      return true;
    }
    char m = buffer.charAt(mark);
    if (m != '.' || (mark > 0 && buffer.charAt(mark - 1) == '.')) {
      return Character.isUpperCase(following)
          || !Character.isLetter(following)
          || m == '!'
          || m == '?';
    }
    String word = wordBefore(mark);
    String lower = word.toLowerCase(Locale.ROOT);
    if (Character.isLowerCase(following)) {
      return false;
    }
    if (TITLES.contains(lower)) {
      return false;
    }
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
      return false;
    }
    if (lower.equals("no") && Character.isDigit(following)) {
      return false;
    }
    if (CLOCK.contains(lower)) {
      String nextWord = wordAt(next).toLowerCase(Locale.ROOT);
      return Character.isUpperCase(following)
          && !CALENDAR.contains(nextWord)
          && !TITLES.contains(nextWord);
    }
    return true;
  }

  /** The letters and inner dots just before {@code mark} ("Dr", "a.m", "e.g"). */
  private String wordBefore(int mark) {
    int start = mark;
    while (start > 0
        && (Character.isLetter(buffer.charAt(start - 1))
            || (buffer.charAt(start - 1) == '.'
                && start - 2 >= 0
                && Character.isLetter(buffer.charAt(start - 2))))) {
      start--;
    }
    return buffer.substring(start, mark);
  }

  private String wordAt(int start) {
    int end = start;
    while (end < buffer.length() && Character.isLetter(buffer.charAt(end))) {
      end++;
    }
    return buffer.substring(start, end);
  }
}
