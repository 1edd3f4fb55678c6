package dev.parley.agent.language;

import java.math.BigDecimal;

/**
 * One token of an utterance with its span in the original text, so every extractor can report the
 * raw fragment it matched.
 *
 * @param kind what the token is
 * @param text the lower-cased token text (number words keep their words, e.g. "eighty nine")
 * @param value the numeric value of {@link Kind#NUMBER} and {@link Kind#ORDINAL} tokens, else null
 * @param spelled true when a number was written as words ("a hundred and fifty")
 * @param start offset of the first character in the original text
 * @param end offset after the last character in the original text
 */
record Token(Kind kind, String text, BigDecimal value, boolean spelled, int start, int end) {

  /** Token kinds. */
  enum Kind {
    WORD,
    NUMBER,
    ORDINAL,
    /** "10:30": value holds hours*100+minutes. */
    CLOCK,
    CURRENCY,
    SYMBOL
  }

  boolean is(String word) {
    return text.equals(word);
  }

  boolean isAny(java.util.Set<String> words) {
    return words.contains(text);
  }

  boolean isNumber() {
    return kind == Kind.NUMBER;
  }

  int intValue() {
    return value == null ? -1 : value.intValue();
  }

  boolean isInteger() {
    return value != null && value.stripTrailingZeros().scale() <= 0;
  }
}
