package dev.parley.agent.language;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects requests not to be called again ("stop calling me", "put me on your do not call list",
 * "remove my number"). A detected opt-out must end the call and add the number to the DNC list.
 */
public final class OptOutDetector {

  private static final Pattern OPT_OUT =
      Pattern.compile(
          "(?i)\\b(?:"
              + "(?:stop|quit|cease) (?:calling|ringing|phoning|contacting|bothering)"
              + "|(?:don't|do not|never|dont) (?:ever )?(?:call|ring|phone|contact) (?:me|us|here|this number|again)"
              + "(?: again| anymore| any more)?"
              + "|do[- ]not[- ]call(?: list| registry)?|dnc list|no[- ]call list"
              + "|(?:remove|delete|take|erase) (?:me|us|my number|our number|this number|my phone number|my details|my name)"
              + "(?: off| from)?(?: your| the)?(?: calling| call| contact| mailing)?(?: list| database| system)?"
              + "|(?:take|get) (?:me|us|this number|my number) off"
              + "|unsubscribe|opt (?:me |us )?out|lose (?:this|my) number"
              + "|(?:not|don't want to be|do not want to be) (?:called|contacted) again"
              + ")");

  /** The opt-out phrase in {@code text}, if there is one. */
  public Optional<String> detect(String text) {
    Matcher m = OPT_OUT.matcher(text.replace('’', '\''));
    return m.find() ? Optional.of(text.substring(m.start(), m.end())) : Optional.empty();
  }
}
