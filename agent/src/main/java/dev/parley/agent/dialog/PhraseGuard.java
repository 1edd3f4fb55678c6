package dev.parley.agent.dialog;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Removes the owner's forbidden phrases from anything the agent is about to say. Public so the LLM
 * dialog agent guards model output with the same rule.
 */
public final class PhraseGuard {

  private final List<Pattern> forbidden;

  /** A guard against {@code phrases} (case-insensitive, whole words). */
  public PhraseGuard(List<String> phrases) {
    this.forbidden =
        phrases.stream()
            .filter(p -> p != null && !p.isBlank())
            .map(p -> Pattern.compile("(?i)\\b" + Pattern.quote(p.trim()) + "\\b[,!]?\\s*"))
            .toList();
  }

  /** {@code text} without the forbidden phrases, re-capitalised when something was removed. */
  public String clean(String text) {
    String out = text;
    for (Pattern p : forbidden) {
      out = p.matcher(out).replaceAll("");
    }
    out = out.replaceAll("\\s{2,}", " ").replaceAll("\\s+([.,!?])", "$1").trim();
    if (!out.isEmpty() && !out.equals(text)) {
      out = Character.toUpperCase(out.charAt(0)) + out.substring(1);
    }
    return out;
  }

  /** True when {@code text} contains no forbidden phrase. */
  public boolean allows(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return forbidden.stream().noneMatch(p -> p.matcher(lower).find());
  }
}
