package dev.parley.agent.llm;

import dev.parley.agent.llm.client.TokenUsage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prices per model in USD per million tokens, input and output, from configuration: {@code
 * "gpt-4o-mini=0.15/0.60, claude-haiku-4-5=1/5"}. A model without a price costs zero (local
 * servers) and its tokens are still counted. Immutable.
 */
public final class PriceTable {

  private static final BigDecimal MILLION = new BigDecimal(1_000_000);

  /**
   * @param input USD per million prompt tokens
   * @param output USD per million completion tokens
   */
  public record Price(BigDecimal input, BigDecimal output) {}

  private final Map<String, Price> prices;

  /** A table of {@code prices} keyed by model name. */
  public PriceTable(Map<String, Price> prices) {
    this.prices = Map.copyOf(prices);
  }

  /** No prices: every call costs zero. */
  public static PriceTable empty() {
    return new PriceTable(Map.of());
  }

  /**
   * Parses {@code model=input/output} entries separated by commas or semicolons.
   *
   * @throws IllegalArgumentException naming the entry that is not in that form
   */
  public static PriceTable parse(String spec) {
    Map<String, Price> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return new PriceTable(out);
    }
    for (String entry : spec.split("[,;]")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      int eq = e.lastIndexOf('=');
      int slash = e.lastIndexOf('/');
      if (eq <= 0 || slash < eq) {
        throw new IllegalArgumentException(
            "price entry '" + e + "' is not model=input/output (USD per million tokens)");
      }
      try {
        out.put(
            e.substring(0, eq).trim(),
            new Price(
                new BigDecimal(e.substring(eq + 1, slash).trim()),
                new BigDecimal(e.substring(slash + 1).trim())));
      } catch (NumberFormatException bad) {
        throw new IllegalArgumentException("price entry '" + e + "' has a non-numeric price");
      }
    }
    return new PriceTable(out);
  }

  /** The cost of {@code usage} on {@code model}; zero when the model has no price. */
  public BigDecimal cost(String model, TokenUsage usage) {
    Price p = prices.get(model);
    if (p == null) {
      return BigDecimal.ZERO;
    }
    return p.input()
        .multiply(BigDecimal.valueOf(usage.inputTokens()))
        .add(p.output().multiply(BigDecimal.valueOf(usage.outputTokens())))
        .divide(MILLION, MathContext.DECIMAL64);
  }
}
