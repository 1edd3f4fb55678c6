package dev.parley.agent.language;

import java.util.Locale;

/** The article an English noun phrase takes when the agent says it. */
public final class Articles {
  private Articles() {}

  /**
   * {@code noun} with "a", "an" or "the" in front, unless it already has a determiner: "a
   * cleaning", "an oil change", and "the earliest cleaning" (a superlative names one thing).
   */
  public static String withArticle(String noun) {
    String l = noun.toLowerCase(Locale.ROOT);
    if (l.isEmpty()
        || l.startsWith("a ")
        || l.startsWith("an ")
        || l.startsWith("the ")
        || l.startsWith("my ")) {
      return noun;
    }
    String first = l.split("\\s+", 2)[0];
    if (first.endsWith("est") && first.length() > 4 && !first.equals("guest")) {
      return "the " + noun;
    }
    return ("aeiou".indexOf(l.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }
}
