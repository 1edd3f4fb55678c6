package dev.parley.agent.language;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds amounts of money in English text: "$150", "150 dollars", "a hundred and fifty dollars",
 * "under $150", "between 100 and 200 dollars", "$89.99", "eighty-nine ninety-nine". Thread-safe.
 */
public final class MoneyExtractor {

  private static final Set<String> CURRENCY_WORDS =
      Set.of(
          "dollar", "dollars", "bucks", "buck", "usd", "euro", "euros", "pound", "pounds", "quid");
  private static final Set<String> CENTS_WORDS = Set.of("cents", "cent");

  /** Words that make a bare or spelled number a price ("the cleaning is one twenty"). */
  private static final Set<String> PRICE_CUES =
      Set.of(
          "price",
          "prices",
          "cost",
          "costs",
          "charge",
          "charges",
          "fee",
          "fees",
          "total",
          "comes",
          "pay",
          "quote",
          "rate",
          "budget",
          "spend",
          "be",
          "is",
          "it's",
          "that's",
          "run",
          "runs",
          "estimate",
          "bill",
          "priced",
          "for");

  private static final Set<String> AT_MOST =
      Set.of("under", "below", "max", "maximum", "within", "cheaper", "upto");
  private static final Set<String> AT_LEAST = Set.of("over", "above", "minimum", "exceeding");
  private static final Set<String> APPROX =
      Set.of("about", "around", "roughly", "approximately", "approx", "like");

  /** Returns every money mention in {@code text}, in order of appearance. */
  public List<MoneyMention> extract(String text) {
    List<Token> t = Tokenizer.tokenize(text);
    List<MoneyMention> out = new ArrayList<>();
    int i = 0;
    while (i < t.size()) {
      int consumed = tryRange(text, t, i, out);
      if (consumed == i) {
        consumed = tryAmount(text, t, i, out);
      }
      i = consumed > i ? consumed : i + 1;
    }
    return out;
  }

  /** Returns the first mention, or null. */
  public MoneyMention first(String text) {
    List<MoneyMention> all = extract(text);
    return all.isEmpty() ? null : all.get(0);
  }

  /** A single parsed amount: value, currency, whether it carried an explicit money marker. */
  private record Amount(BigDecimal value, String currency, boolean marked, int from, int to) {}

  private static Amount amountAt(List<Token> t, int i, boolean requireMarker) {
    if (i >= t.size()) {
      return null;
    }
    Token a = t.get(i);
    if (a.kind() == Token.Kind.CURRENCY && i + 1 < t.size() && t.get(i + 1).isNumber()) {
      BigDecimal v = t.get(i + 1).value();
      int to = i + 1;
      if (to + 1 < t.size() && t.get(to + 1).is("k")) {
        v = v.multiply(BigDecimal.valueOf(1000));
        to++;
      }
      return new Amount(v, currencyOf(a.text()), true, i, to);
    }
    if (!a.isNumber()) {
      return null;
    }
    BigDecimal v = a.value();
    int to = i;
    // "eighty-nine ninety-nine" and "one twenty": two spoken groups make one price.
    if (a.spelled()
        && i + 1 < t.size()
        && t.get(i + 1).isNumber()
        && t.get(i + 1).spelled()
        && a.isInteger()
        && t.get(i + 1).isInteger()) {
      int first = a.intValue();
      int second = t.get(i + 1).intValue();
      if (second >= 10 && second <= 99 && first >= 1 && first <= 99) {
        v =
            first >= 10
                ? BigDecimal.valueOf(first * 100L + second, 2)
                : BigDecimal.valueOf(first * 100L + second);
        to = i + 1;
        if (!hasCurrencyWordAfter(t, to) && !hasPriceCueBefore(t, i)) {
          return null;
        }
      }
    }
    if (hasCurrencyWordAfter(t, to)) {
      String cur = currencyOf(t.get(to + 1).text());
      to++;
      // "twelve dollars and fifty cents"
      if (to + 3 < t.size()
          && t.get(to + 1).is("and")
          && t.get(to + 2).isNumber()
          && t.get(to + 3).isAny(CENTS_WORDS)) {
        v = v.add(t.get(to + 2).value().movePointLeft(2));
        to += 3;
      } else if (to + 2 < t.size()
          && t.get(to + 1).isNumber()
          && t.get(to + 1).intValue() < 100
          && t.get(to + 2).isAny(CENTS_WORDS)) {
        v = v.add(t.get(to + 1).value().movePointLeft(2));
        to += 2;
      }
      return new Amount(v, cur, true, i, to);
    }
    if (requireMarker) {
      return to > i ? new Amount(v, "USD", true, i, to) : null;
    }
    return new Amount(v, "USD", to > i, i, to);
  }

  private static boolean hasCurrencyWordAfter(List<Token> t, int i) {
    return i + 1 < t.size() && t.get(i + 1).isAny(CURRENCY_WORDS);
  }

  private static boolean hasPriceCueBefore(List<Token> t, int i) {
    for (int k = Math.max(0, i - 4); k < i; k++) {
      if (t.get(k).isAny(PRICE_CUES)) {
        return true;
      }
    }
    return false;
  }

  private int tryRange(String text, List<Token> t, int i, List<MoneyMention> out) {
    int k = i;
    boolean between = false;
    if (t.get(k).is("between") || t.get(k).is("from")) {
      between = t.get(k).is("between");
      k++;
    }
    Amount lo = amountAt(t, k, false);
    if (lo == null) {
      return i;
    }
    int sep = lo.to() + 1;
    if (sep >= t.size()) {
      return i;
    }
    Token s = t.get(sep);
    boolean joined = between ? s.is("and") || s.is("to") : s.is("to") || s.is("-") || s.is("and");
    if (!joined || (!between && k == i && s.is("and"))) {
      return i;
    }
    Amount hi = amountAt(t, sep + 1, false);
    if (hi == null || hi.value().compareTo(lo.value()) <= 0) {
      return i;
    }
    boolean money = lo.marked() || hi.marked() || hasPriceCueBefore(t, i);
    if (!money) {
      return i;
    }
    String cur = lo.marked() && !hi.marked() ? lo.currency() : hi.currency();
    out.add(
        new MoneyMention(
            MoneyMention.Bound.RANGE,
            lo.value(),
            hi.value(),
            cur,
            text.substring(t.get(i).start(), t.get(hi.to()).end())));
    return hi.to() + 1;
  }

  private int tryAmount(String text, List<Token> t, int i, List<MoneyMention> out) {
    Amount a = amountAt(t, i, true);
    if (a == null) {
      return i;
    }
    int from = i;
    MoneyMention.Bound bound = MoneyMention.Bound.EXACT;
    // Qualifiers sit right before the amount: "under", "less than", "no more than", "up to".
    if (i >= 1) {
      Token p1 = t.get(i - 1);
      Token p2 = i >= 2 ? t.get(i - 2) : null;
      Token p3 = i >= 3 ? t.get(i - 3) : null;
      if (p1.is("than") && p2 != null && (p2.is("less") || p2.is("more"))) {
        boolean notMore = p3 != null && (p3.is("no") || p3.is("not")) && p2.is("more");
        bound = p2.is("less") || notMore ? MoneyMention.Bound.AT_MOST : MoneyMention.Bound.AT_LEAST;
        from = notMore ? i - 3 : i - 2;
      } else if (p1.is("to") && p2 != null && p2.is("up")) {
        bound = MoneyMention.Bound.AT_MOST;
        from = i - 2;
      } else if (p1.is("most") && p2 != null && p2.is("at")) {
        bound = MoneyMention.Bound.AT_MOST;
        from = i - 2;
      } else if (p1.is("least") && p2 != null && p2.is("at")) {
        bound = MoneyMention.Bound.AT_LEAST;
        from = i - 2;
      } else if (p1.isAny(AT_MOST)) {
        bound = MoneyMention.Bound.AT_MOST;
        from = i - 1;
      } else if (p1.isAny(AT_LEAST)) {
        bound = MoneyMention.Bound.AT_LEAST;
        from = i - 1;
      } else if (p1.isAny(APPROX)) {
        bound = MoneyMention.Bound.APPROXIMATE;
        from = i - 1;
      }
    }
    int to = a.to();
    if (to + 1 < t.size() && bound == MoneyMention.Bound.EXACT) {
      Token n = t.get(to + 1);
      if (n.is("tops") || n.is("max") || n.is("maximum")) {
        bound = MoneyMention.Bound.AT_MOST;
        to++;
      } else if (n.is("or") && to + 2 < t.size() && (t.get(to + 2).is("less"))) {
        bound = MoneyMention.Bound.AT_MOST;
        to += 2;
      } else if (n.is("or") && to + 2 < t.size() && t.get(to + 2).is("more")) {
        bound = MoneyMention.Bound.AT_LEAST;
        to += 2;
      } else if (n.is("ish")) {
        bound = MoneyMention.Bound.APPROXIMATE;
        to++;
      }
    }
    out.add(
        new MoneyMention(
            bound,
            a.value(),
            null,
            a.currency(),
            text.substring(t.get(from).start(), t.get(to).end())));
    return to + 1;
  }

  private static String currencyOf(String marker) {
    return switch (marker) {
      case "€", "euro", "euros" -> "EUR";
      case "£", "pound", "pounds", "quid" -> "GBP";
      default -> "USD";
    };
  }
}
