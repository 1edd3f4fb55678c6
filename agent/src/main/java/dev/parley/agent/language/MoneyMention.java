package dev.parley.agent.language;

import java.math.BigDecimal;

/**
 * An amount of money mentioned in text.
 *
 * @param bound how the amount is qualified ("under $150" is {@link Bound#AT_MOST})
 * @param amount the amount, or the lower end of a range
 * @param upper the upper end of a {@link Bound#RANGE}, else null
 * @param currency ISO 4217 code; USD when only "dollars" or "$" was said
 * @param raw the fragment of the original text that was matched
 */
public record MoneyMention(
    Bound bound, BigDecimal amount, BigDecimal upper, String currency, String raw) {

  /** How an amount is qualified. */
  public enum Bound {
    EXACT,
    APPROXIMATE,
    AT_MOST,
    AT_LEAST,
    RANGE
  }

  /** The most the speaker would accept: the upper end of a range, else the amount. */
  public BigDecimal ceiling() {
    return upper != null ? upper : amount;
  }
}
