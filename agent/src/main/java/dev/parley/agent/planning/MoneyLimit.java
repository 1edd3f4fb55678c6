package dev.parley.agent.planning;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The most the owner will pay.
 *
 * @param max the ceiling
 * @param currency ISO 4217 code
 * @param raw the words of the instruction this came from
 */
public record MoneyLimit(BigDecimal max, String currency, String raw) {

  /** The ceiling as one would say it: "$150" or "$89.99". */
  public String spoken() {
    return format(max, currency);
  }

  /** Formats an amount the way a person says it: whole amounts without cents. */
  public static String format(BigDecimal amount, String currency) {
    String symbol =
        switch (currency == null ? "USD" : currency) {
          case "EUR" -> "€";
          case "GBP" -> "£";
          default -> "$";
        };
    BigDecimal a = amount.stripTrailingZeros();
    String digits =
        a.scale() <= 0
            ? a.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
            : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    return symbol + digits;
  }
}
